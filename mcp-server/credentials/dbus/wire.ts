// The D-Bus wire format, as far as Punchcard speaks it (docs/electron.md, "Keychain": the one place
// the engine talks D-Bus itself is to find secrets an earlier Punchcard saved through keytar). Pure:
// bytes in, values out. Messages are written little-endian and read in either byte order; every
// read is checked against the buffer, so a short or lying message fails in words instead of
// reading past its end.
//
// Values: y n q i u → number, b → boolean, s o g → string, ay → Buffer, other arrays → arrays,
// structs and dict entries → arrays of their fields, v → { signature, value }. 64-bit integers,
// doubles and file descriptors are never needed here and are refused.

export type DBusValue = string | number | boolean | Buffer | Variant | DBusValue[];

export interface Variant {
  signature: string;
  value: DBusValue;
}

export const MessageType = { call: 1, reply: 2, error: 3, signal: 4 } as const;

export interface MessageFields {
  path?: string;
  interface?: string;
  member?: string;
  errorName?: string;
  replySerial?: number;
  destination?: string;
  sender?: string;
  signature?: string;
}

export interface Message extends MessageFields {
  type: number;
  flags: number;
  serial: number;
  /** The body's bytes, decoded on demand (readBody): most messages on a connection are not ours. */
  body: Buffer;
  littleEndian: boolean;
}

/** Larger than anything the Secret Service sends for one entry; a message past it is refused. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
// The specification's limit on nesting; it also keeps a hostile signature from exhausting the stack.
const MAX_DEPTH = 64;

const FIELD_CODES = { path: 1, interface: 2, member: 3, errorName: 4, replySerial: 5, destination: 6, sender: 7, signature: 8 } as const;
const FIELD_TYPES: Record<number, string> = { 1: 'o', 2: 's', 3: 's', 4: 's', 5: 'u', 6: 's', 7: 's', 8: 'g' };

function malformed(why: string): Error {
  return new Error(`Malformed D-Bus message: ${why}`);
}

function alignmentOf(type: string): number {
  switch (type[0]) {
    case 'y':
    case 'g':
    case 'v':
      return 1;
    case 'n':
    case 'q':
      return 2;
    case 'b':
    case 'i':
    case 'u':
    case 's':
    case 'o':
    case 'a':
      return 4;
    case '(':
    case '{':
      return 8;
    default:
      throw new Error(`Unsupported D-Bus type '${type}'`);
  }
}

/** Where the single complete type starting at `start` ends (exclusive). */
function endOfType(signature: string, start: number, depth = 0): number {
  if (depth > MAX_DEPTH) throw malformed('the signature nests too deeply');
  const code = signature[start];
  if (code === undefined) throw malformed(`the signature '${signature}' ends inside a type`);
  if (code === 'a') return endOfType(signature, start + 1, depth + 1);
  if (code === '(' || code === '{') {
    const close = code === '(' ? ')' : '}';
    let at = start + 1;
    let members = 0;
    while (signature[at] !== close) {
      at = endOfType(signature, at, depth + 1);
      members++;
    }
    if (members === 0 || (code === '{' && (members !== 2 || signature[start - 1] !== 'a'))) {
      throw malformed(`'${signature.slice(start, at + 1)}' is not a valid container`);
    }
    return at + 1;
  }
  if ('ybnqiusogv'.includes(code)) return start + 1;
  throw new Error(`Unsupported D-Bus type '${code}' in '${signature}'`);
}

/** A signature cut into its complete types: 'sa{ss}o' → ['s', 'a{ss}', 'o']. */
export function splitSignature(signature: string): string[] {
  const types: string[] = [];
  for (let at = 0; at < signature.length; ) {
    const end = endOfType(signature, at);
    types.push(signature.slice(at, end));
    at = end;
  }
  return types;
}

class Writer {
  private buffer = Buffer.alloc(256);
  length = 0;

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  align(to: number): void {
    const padding = (to - (this.length % to)) % to;
    this.room(padding);
    this.buffer.fill(0, this.length, this.length + padding);
    this.length += padding;
  }

  byte(value: number): void {
    this.room(1);
    this.buffer.writeUInt8(value, this.length);
    this.length += 1;
  }

  uint32(value: number, at = -1): void {
    if (at >= 0) {
      this.buffer.writeUInt32LE(value, at);
      return;
    }
    this.align(4);
    this.room(4);
    this.buffer.writeUInt32LE(value, this.length);
    this.length += 4;
  }

  bytes(value: Buffer): void {
    this.room(value.length);
    value.copy(this.buffer, this.length);
    this.length += value.length;
  }

  write(type: string, value: DBusValue, depth = 0): void {
    if (depth > MAX_DEPTH) throw new Error('D-Bus value nests too deeply');
    const code = type[0];
    switch (code) {
      case 'y':
        return this.byte(Number(value));
      case 'b':
        return this.uint32(value ? 1 : 0);
      case 'n':
      case 'q':
        this.align(2);
        this.room(2);
        if (code === 'n') this.buffer.writeInt16LE(Number(value), this.length);
        else this.buffer.writeUInt16LE(Number(value), this.length);
        this.length += 2;
        return;
      case 'i':
        this.align(4);
        this.room(4);
        this.buffer.writeInt32LE(Number(value), this.length);
        this.length += 4;
        return;
      case 'u':
        return this.uint32(Number(value));
      case 's':
      case 'o': {
        const text = Buffer.from(String(value), 'utf8');
        this.uint32(text.length);
        this.bytes(text);
        return this.byte(0);
      }
      case 'g': {
        const text = Buffer.from(String(value), 'ascii');
        if (text.length > 255) throw new Error('A D-Bus signature is at most 255 bytes');
        this.byte(text.length);
        this.bytes(text);
        return this.byte(0);
      }
      case 'v': {
        const variant = value as Variant;
        if (splitSignature(variant.signature).length !== 1) throw new Error(`A variant holds one type, not '${variant.signature}'`);
        this.write('g', variant.signature, depth + 1);
        return this.write(variant.signature, variant.value, depth + 1);
      }
      case 'a': {
        const element = type.slice(1);
        this.uint32(0);
        const lengthAt = this.length - 4;
        this.align(alignmentOf(element));
        const start = this.length;
        if (element === 'y' && Buffer.isBuffer(value)) this.bytes(value);
        else for (const item of value as DBusValue[]) this.write(element, item, depth + 1);
        return this.uint32(this.length - start, lengthAt);
      }
      case '(':
      case '{': {
        this.align(8);
        const members = splitSignature(type.slice(1, -1));
        const fields = value as DBusValue[];
        if (!Array.isArray(fields) || fields.length !== members.length) throw new Error(`'${type}' needs ${members.length} fields`);
        members.forEach((member, index) => this.write(member, fields[index] as DBusValue, depth + 1));
        return;
      }
      default:
        throw new Error(`Unsupported D-Bus type '${type}'`);
    }
  }

  done(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

class Reader {
  private readonly buffer: Buffer;
  private readonly littleEndian: boolean;
  offset: number;

  constructor(buffer: Buffer, littleEndian: boolean, offset = 0) {
    this.buffer = buffer;
    this.littleEndian = littleEndian;
    this.offset = offset;
  }

  private take(bytes: number): number {
    const at = this.offset;
    if (at + bytes > this.buffer.length) throw malformed('it ends before its values do');
    this.offset += bytes;
    return at;
  }

  align(to: number): void {
    const padding = (to - (this.offset % to)) % to;
    const at = this.take(padding);
    for (let index = at; index < at + padding; index++) if (this.buffer[index] !== 0) throw malformed('padding is not zero');
  }

  uint32(): number {
    this.align(4);
    const at = this.take(4);
    return this.littleEndian ? this.buffer.readUInt32LE(at) : this.buffer.readUInt32BE(at);
  }

  private text(length: number, encoding: 'utf8' | 'ascii'): string {
    const at = this.take(length + 1);
    if (this.buffer[at + length] !== 0) throw malformed('a string is not terminated');
    return this.buffer.toString(encoding, at, at + length);
  }

  read(type: string, depth = 0): DBusValue {
    if (depth > MAX_DEPTH) throw malformed('its values nest too deeply');
    const code = type[0];
    switch (code) {
      case 'y':
        return this.buffer.readUInt8(this.take(1));
      case 'b': {
        const value = this.uint32();
        if (value > 1) throw malformed('a boolean is neither 0 nor 1');
        return value === 1;
      }
      case 'n':
      case 'q': {
        this.align(2);
        const at = this.take(2);
        if (code === 'n') return this.littleEndian ? this.buffer.readInt16LE(at) : this.buffer.readInt16BE(at);
        return this.littleEndian ? this.buffer.readUInt16LE(at) : this.buffer.readUInt16BE(at);
      }
      case 'i': {
        this.align(4);
        const at = this.take(4);
        return this.littleEndian ? this.buffer.readInt32LE(at) : this.buffer.readInt32BE(at);
      }
      case 'u':
        return this.uint32();
      case 's':
      case 'o':
        return this.text(this.uint32(), 'utf8');
      case 'g':
        return this.text(this.buffer.readUInt8(this.take(1)), 'ascii');
      case 'v': {
        const signature = this.read('g', depth + 1) as string;
        if (splitSignature(signature).length !== 1) throw malformed(`a variant holds '${signature}'`);
        return { signature, value: this.read(signature, depth + 1) };
      }
      case 'a': {
        const element = type.slice(1);
        const length = this.uint32();
        if (length > MAX_MESSAGE_BYTES) throw malformed('an array is longer than any message may be');
        this.align(alignmentOf(element));
        const end = this.offset + length;
        if (end > this.buffer.length) throw malformed('an array runs past the end');
        if (element === 'y') return Buffer.from(this.buffer.subarray(this.take(length), end));
        const items: DBusValue[] = [];
        while (this.offset < end) items.push(this.read(element, depth + 1));
        if (this.offset !== end) throw malformed('an array element runs past the array');
        return items;
      }
      case '(':
      case '{':
        this.align(8);
        return splitSignature(type.slice(1, -1)).map((member) => this.read(member, depth + 1));
      default:
        throw new Error(`Unsupported D-Bus type '${type}'`);
    }
  }
}

/** One message, ready to send. The serial is the sender's own number for it (never 0). */
export function encodeMessage(message: { type: number; serial: number; flags?: number } & MessageFields, body: DBusValue[] = []): Buffer {
  const bodyWriter = new Writer();
  const types = splitSignature(message.signature ?? '');
  if (types.length !== body.length) throw new Error(`The signature '${message.signature ?? ''}' needs ${types.length} values, not ${body.length}`);
  types.forEach((type, index) => bodyWriter.write(type, body[index] as DBusValue));
  const bodyBytes = bodyWriter.done();

  const fields: DBusValue[] = [];
  for (const [name, code] of Object.entries(FIELD_CODES)) {
    const value = message[name as keyof MessageFields];
    if (value !== undefined && !(name === 'signature' && value === '')) fields.push([code, { signature: FIELD_TYPES[code] as string, value }]);
  }
  const header = new Writer();
  header.byte('l'.charCodeAt(0));
  header.byte(message.type);
  header.byte(message.flags ?? 0);
  header.byte(1);
  header.uint32(bodyBytes.length);
  header.uint32(message.serial);
  header.write('a(yv)', fields);
  header.align(8);
  header.bytes(bodyBytes);
  return header.done();
}

/**
 * The first message in `buffer` and how many bytes it took, or null while it is incomplete.
 * Throws on a message no peer may send (a wrong byte order mark, version or size).
 */
export function decodeMessage(buffer: Buffer): { message: Message; bytes: number } | null {
  if (buffer.length < 16) return null;
  const mark = String.fromCharCode(buffer[0] as number);
  if (mark !== 'l' && mark !== 'B') throw malformed(`unknown byte order '${mark}'`);
  const littleEndian = mark === 'l';
  if (buffer[3] !== 1) throw malformed(`protocol version ${buffer[3]}`);
  const uint32 = (at: number) => (littleEndian ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at));
  const bodyLength = uint32(4);
  const fieldsLength = uint32(12);
  const bodyStart = 16 + fieldsLength + ((8 - ((16 + fieldsLength) % 8)) % 8);
  const total = bodyStart + bodyLength;
  if (fieldsLength > MAX_MESSAGE_BYTES || total > MAX_MESSAGE_BYTES) throw malformed(`it is ${total} bytes, more than ${MAX_MESSAGE_BYTES}`);
  if (buffer.length < total) return null;

  const reader = new Reader(buffer.subarray(0, bodyStart), littleEndian, 12);
  const fields: MessageFields = {};
  for (const field of reader.read('a(yv)') as DBusValue[][]) {
    const [code, variant] = field as [number, Variant];
    const name = (Object.keys(FIELD_CODES) as Array<keyof typeof FIELD_CODES>).find((key) => FIELD_CODES[key] === code);
    if (!name) continue; // Fields added to the specification later are ignored, as it asks.
    if (variant.signature !== FIELD_TYPES[code]) throw malformed(`header field ${code} has type '${variant.signature}'`);
    (fields as Record<string, DBusValue>)[name] = variant.value;
  }
  const message: Message = {
    ...fields,
    type: buffer[1] as number,
    flags: buffer[2] as number,
    serial: uint32(8),
    body: buffer.subarray(bodyStart, total),
    littleEndian,
  };
  return { message, bytes: total };
}

/** The values of a message's body, by its signature. */
export function readBody(message: Message): DBusValue[] {
  const reader = new Reader(message.body, message.littleEndian);
  const values = splitSignature(message.signature ?? '').map((type) => reader.read(type));
  if (reader.offset !== message.body.length) throw malformed('its body is longer than its signature says');
  return values;
}

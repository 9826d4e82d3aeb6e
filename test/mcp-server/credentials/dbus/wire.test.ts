// The D-Bus wire format (mcp-server/credentials/dbus/wire.ts): what it writes reads back the same,
// whatever the values, and what a peer could send wrong fails in words instead of being misread.
// That it speaks to a real dbus-daemon and gnome-keyring is shown in session-bus.test.ts and
// ../keychain.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, MAX_MESSAGE_BYTES, MessageType, readBody, splitSignature, type DBusValue, type Message } from '../../../../mcp-server/credentials/dbus/wire.ts';

const BASIC = ['y', 'b', 'n', 'q', 'i', 'u', 's', 'o', 'g'] as const;

const typeOf: fc.Arbitrary<string> = fc.letrec<{ type: string }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.constantFrom<string>(...BASIC, 'v'),
    tie('type').map((element) => `a${element}`),
    fc.array(tie('type'), { minLength: 1, maxLength: 3 }).map((members) => `(${members.join('')})`),
    fc.tuple(fc.constantFrom('y', 'u', 's', 'o'), tie('type')).map(([key, value]) => `a{${key}${value}}`),
  ),
})).type;

const objectPath = fc.array(fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/), { maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
const text = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((value) => !value.includes('\0'));

function valueOf(type: string): fc.Arbitrary<DBusValue> {
  switch (type[0]) {
    case 'y':
      return fc.integer({ min: 0, max: 0xff });
    case 'b':
      return fc.boolean();
    case 'n':
      return fc.integer({ min: -0x8000, max: 0x7fff });
    case 'q':
      return fc.integer({ min: 0, max: 0xffff });
    case 'i':
      return fc.integer({ min: -0x80000000, max: 0x7fffffff });
    case 'u':
      return fc.integer({ min: 0, max: 0xffffffff });
    case 's':
      return text;
    case 'o':
      return objectPath;
    case 'g':
      return fc.constantFrom('', 's', 'a{ss}', '(oayays)', 'aov');
    case 'v':
      return fc.constantFrom<string>(...BASIC, 'ay', 'as').chain((signature) => valueOf(signature).map((value) => ({ signature, value })));
    case 'a':
      if (type === 'ay') return fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes));
      return fc.array(valueOf(type.slice(1)), { maxLength: 4 });
    default:
      return fc.tuple(...splitSignature(type.slice(1, -1)).map(valueOf));
  }
}

const body = fc
  .array(typeOf, { maxLength: 4 })
  .filter((types) => types.join('').length <= 255)
  .chain((types) => fc.tuple(fc.constant(types.join('')), fc.tuple(...types.map(valueOf))));

/** The whole message in `bytes`, which must hold one. */
function decoded(bytes: Buffer): Message {
  const result = decodeMessage(bytes);
  if (!result) throw new Error('the message is incomplete');
  return result.message;
}

function reply(signature: string, values: DBusValue[], serial = 7): Buffer {
  return encodeMessage({ type: MessageType.reply, serial, replySerial: 3, destination: ':1.42', signature }, values);
}

describe('D-Bus messages', () => {
  it('read back every value they were written with, and wait for the rest of a message that has not all arrived', () => {
    fc.assert(
      fc.property(body, fc.nat(), ([signature, values], cut) => {
        const bytes = reply(signature, values);
        const followed = decodeMessage(Buffer.concat([bytes, Buffer.from('next message')]));
        expect(followed?.bytes).toBe(bytes.length);
        expect(followed?.message).toMatchObject({ type: MessageType.reply, serial: 7, replySerial: 3, destination: ':1.42' });
        expect(followed?.message.signature ?? '').toBe(signature);
        expect(readBody(decoded(bytes))).toEqual(values);
        expect(decodeMessage(bytes.subarray(0, cut % bytes.length))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('lay out a method call as the specification does: header fields, padding to 8, then the body', () => {
    const bytes = encodeMessage({ type: MessageType.call, serial: 1, path: '/a', member: 'M', signature: 'u' }, [258]);
    expect([...bytes.subarray(0, 16)]).toEqual([0x6c, 1, 0, 1, 4, 0, 0, 0, 1, 0, 0, 0, 39, 0, 0, 0]);
    // PATH (1, 'o', "/a"), MEMBER (3, 's', "M"), SIGNATURE (8, 'g', "u"), each field 8-aligned.
    expect(bytes.subarray(16, 16 + 39).toString('latin1')).toBe('\x01\x01o\x00\x02\x00\x00\x00/a\x00' + '\x00'.repeat(5) + '\x03\x01s\x00\x01\x00\x00\x00M\x00' + '\x00'.repeat(6) + '\x08\x01g\x00\x01u\x00');
    expect([...bytes.subarray(55)]).toEqual([0, 2, 1, 0, 0]);
  });

  it('read a big-endian message too', () => {
    // A reply from a big-endian peer: REPLY_SERIAL 5, SIGNATURE "u", body 0x01020304.
    const fields = Buffer.from([5, 1, 0x75, 0, 0, 0, 0, 5, 8, 1, 0x67, 0, 1, 0x75, 0]);
    const header = Buffer.concat([Buffer.from('B'), Buffer.from([2, 0, 1, 0, 0, 0, 4, 0, 0, 0, 9, 0, 0, 0, fields.length]), fields, Buffer.alloc(1)]);
    const message = decoded(Buffer.concat([header, Buffer.from([1, 2, 3, 4])]));
    expect(message).toMatchObject({ type: MessageType.reply, serial: 9, replySerial: 5, signature: 'u', littleEndian: false });
    expect(readBody(message)).toEqual([0x01020304]);
  });

  it('refuse what a peer may not send, in words', () => {
    const good = reply('as', [['a', 'b']]);
    const at = good.length - 18; // the array's length: the body, "as" of two one-letter strings, is 18 bytes
    const lying = Buffer.from(good);
    lying.writeUInt32LE(400, at);
    expect(() => readBody(decoded(lying))).toThrow(/Malformed D-Bus message: an array runs past the end/);

    const unterminated = Buffer.from(good);
    unterminated[good.length - 1] = 0x21;
    expect(() => readBody(decoded(unterminated))).toThrow(/a string is not terminated/);

    const boolean = reply('b', [true]);
    boolean[boolean.length - 4] = 2;
    expect(() => readBody(decoded(boolean))).toThrow(/a boolean is neither 0 nor 1/);

    const endianness = Buffer.from(good);
    endianness[0] = 0x78;
    expect(() => decodeMessage(endianness)).toThrow(/unknown byte order 'x'/);

    const version = Buffer.from(good);
    version[3] = 2;
    expect(() => decodeMessage(version)).toThrow(/protocol version 2/);

    const huge = Buffer.from(good);
    huge.writeUInt32LE(MAX_MESSAGE_BYTES, 4);
    expect(() => decodeMessage(huge)).toThrow(/more than 4194304/);

    const padding = reply('yu', [1, 2]);
    padding[padding.length - 5] = 1;
    expect(() => readBody(decoded(padding))).toThrow(/padding is not zero/);
  });

  it('refuse signatures they cannot read, or that nest past the specification’s limit', () => {
    expect(() => splitSignature('ax')).toThrow(/Unsupported D-Bus type 'x'/);
    expect(() => splitSignature('(s')).toThrow(/ends inside a type/);
    expect(() => splitSignature('{ss}')).toThrow(/not a valid container/);
    expect(() => splitSignature('a{sss}')).toThrow(/not a valid container/);
    expect(() => splitSignature('()')).toThrow(/not a valid container/);
    expect(() => splitSignature(`${'a'.repeat(70)}s`)).toThrow(/nests too deeply/);
    expect(splitSignature('sa{sv}(oayays)')).toEqual(['s', 'a{sv}', '(oayays)']);
    expect(() => encodeMessage({ type: MessageType.call, serial: 1, signature: 'ss' }, ['one'])).toThrow(/needs 2 values, not 1/);
  });
});

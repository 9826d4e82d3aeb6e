// Prompts for `npm run bench`: what the model may read of tools/list and prompts/list together, and
// how fast prompts/list is answered next to tools/list, in the same loop so the machine's load hits
// both alike: from spawn (the opening answers both, before the engine loads), on an open connection
// while the opening still answers, and once the SDK answers (the engine loaded).
import { legacyOpening, makeTempDir, type RawServer, removeTempDir, serverEnv, spawnRawServer } from '../support/raw-stdio.ts';
import { MODEL_FACING_BUDGET, modelFacingChars, promptFacingChars } from '../support/tool-list-size.ts';
import { describeTiming, roundSummary, summarize, type Summary } from './stats.ts';

const COLD_ROUNDS = 15;
const WARM_PAIRS = 200;

type Row = (benchmark: string, result: string, target?: { text: string; met: boolean }) => void;

export interface PromptBenchResults {
  sizes: { tools: number; toolChars: number; prompts: number; promptChars: number; totalChars: number; toolBudgetChars: number };
  coldMs: { toolsList: Summary; promptsList: Summary };
  openingMs: { toolsList: Summary; promptsList: Summary };
  engineMs: { toolsList: Summary; promptsList: Summary };
}

const LIST_ID = 2;

function opening(method: 'tools/list' | 'prompts/list'): object[] {
  const [initialize, initialized] = legacyOpening();
  return [initialize as object, initialized as object, { jsonrpc: '2.0', id: LIST_ID, method, params: {} }];
}

export async function promptBenchmarks(row: Row, progress: (text: string) => void): Promise<PromptBenchResults> {
  progress('prompts/list: size, and its answer time beside tools/list');
  const sizes = await listSizes();
  const chars = (value: number) => `${value.toLocaleString('en-US')} chars`;
  row(`What the model may read of tools/list + prompts/list: the local timesheet's ${sizes.tools} tools and ${sizes.prompts} prompts`, chars(sizes.totalChars));
  row(`  tools (name + description + inputSchema)`, chars(sizes.toolChars), {
    text: `≤ ${chars(MODEL_FACING_BUDGET)}`,
    met: sizes.toolChars <= MODEL_FACING_BUDGET,
  });
  row(`  prompts (name + description + arguments)`, chars(sizes.promptChars));

  const cold = { toolsList: [] as number[], promptsList: [] as number[] };
  for (let round = -1; round < COLD_ROUNDS; round++) {
    // Alternate which goes first, so neither always starts on a machine the other just warmed.
    const order: Array<'tools/list' | 'prompts/list'> = round % 2 === 0 ? ['tools/list', 'prompts/list'] : ['prompts/list', 'tools/list'];
    for (const method of order) {
      const ms = await spawnToAnswer(method);
      if (round >= 0) (method === 'tools/list' ? cold.toolsList : cold.promptsList).push(ms);
    }
  }
  const coldMs = { toolsList: summarize(cold.toolsList), promptsList: summarize(cold.promptsList) };
  row('Cold start, spawn → tools/list answered (same loop as below)', describeTiming(coldMs.toolsList));
  row('Cold start, spawn → prompts/list answered', describeTiming(coldMs.promptsList));

  const dir = makeTempDir();
  const server = spawnRawServer(['--user-data', dir], serverEnv(dir));
  try {
    server.send(...opening('tools/list'));
    await server.response(LIST_ID);
    let id = 100;
    const openingMs = await alternate(server, () => id++);
    row('tools/list on an open connection, answered by the opening', describeTiming(openingMs.toolsList, 'request'));
    row('prompts/list on an open connection, answered by the opening', describeTiming(openingMs.promptsList, 'request'));
    // A method the opening leaves to the SDK brings the engine in; from then on the SDK answers.
    server.send({ jsonrpc: '2.0', id: 99, method: 'resources/list', params: {} });
    await server.response(99);
    const engineMs = await alternate(server, () => id++);
    row('tools/list once the engine answers (SDK)', describeTiming(engineMs.toolsList, 'request'));
    row('prompts/list once the engine answers (SDK)', describeTiming(engineMs.promptsList, 'request'));
    return {
      sizes,
      coldMs: { toolsList: roundSummary(coldMs.toolsList), promptsList: roundSummary(coldMs.promptsList) },
      openingMs: { toolsList: roundSummary(openingMs.toolsList), promptsList: roundSummary(openingMs.promptsList) },
      engineMs: { toolsList: roundSummary(engineMs.toolsList), promptsList: roundSummary(engineMs.promptsList) },
    };
  } finally {
    await server.close();
    removeTempDir(dir);
  }
}

async function listSizes(): Promise<PromptBenchResults['sizes']> {
  const dir = makeTempDir();
  const server = spawnRawServer(['--user-data', dir, '--all-tools'], serverEnv(dir));
  try {
    server.send(...opening('tools/list'), { jsonrpc: '2.0', id: 3, method: 'prompts/list', params: {} });
    const tools = ((await server.response(LIST_ID)).message.result as { tools: Array<{ name: string; inputSchema: unknown }> }).tools;
    const prompts = ((await server.response(3)).message.result as { prompts: Array<{ name: string }> }).prompts;
    const toolChars = modelFacingChars(tools);
    const promptChars = promptFacingChars(prompts);
    return { tools: tools.length, toolChars, prompts: prompts.length, promptChars, totalChars: toolChars + promptChars, toolBudgetChars: MODEL_FACING_BUDGET };
  } finally {
    await server.close();
    removeTempDir(dir);
  }
}

async function spawnToAnswer(method: 'tools/list' | 'prompts/list'): Promise<number> {
  const dir = makeTempDir();
  const server = spawnRawServer(['--user-data', dir], serverEnv(dir));
  try {
    server.send(...opening(method));
    const answer = await server.response(LIST_ID);
    if (answer.message.error) throw new Error(`${method} failed: ${answer.message.error.message}`);
    return answer.at - server.spawnedAt;
  } finally {
    await server.close();
    removeTempDir(dir);
  }
}

/** WARM_PAIRS of tools/list and prompts/list, one after the other, each timed from send to answer. */
async function alternate(server: RawServer, nextId: () => number): Promise<{ toolsList: Summary; promptsList: Summary }> {
  const samples = { toolsList: [] as number[], promptsList: [] as number[] };
  for (let pair = 0; pair < WARM_PAIRS; pair++) {
    for (const method of pair % 2 === 0 ? (['tools/list', 'prompts/list'] as const) : (['prompts/list', 'tools/list'] as const)) {
      const id = nextId();
      const sent = performance.now();
      server.send({ jsonrpc: '2.0', id, method, params: {} });
      const answer = await server.response(id);
      if (answer.message.error) throw new Error(`${method} failed: ${answer.message.error.message}`);
      (method === 'tools/list' ? samples.toolsList : samples.promptsList).push(answer.at - sent);
    }
  }
  return { toolsList: summarize(samples.toolsList), promptsList: summarize(samples.promptsList) };
}

// The handlers of the app-only tools over the outbox (contract/app-tools/kept-write-decisions.ts).
// Registered by the server only for the engine that proved it is the app (server.ts, appTools).
import { decideKeptWriteContract, keptWriteDecisionsContract } from '../contract/app-tools/kept-write-decisions.ts';
import { noticeSentence } from '../contract/outcomes/notices.ts';
import { modelText } from '../contract/outcomes/sentence.ts';
import { formatInstant } from '../domain/time.ts';
import { defineAppTool } from '../tools/define-tool.ts';
import { ToolInputError } from '../tools/tool-input-error.ts';

export const keptWriteDecisions = defineAppTool({
  ...keptWriteDecisionsContract,
  async handler(_args, context) {
    const { tracker } = context;
    // The local timesheet, and a back end whose outbox cannot be opened, keep nothing to decide.
    const decisions = tracker.keptWrites ? await tracker.keptWrites.decisions() : [];
    const writes = decisions.map((decision) => ({
      id: decision.id,
      kind: decision.kind,
      happened_at: formatInstant(decision.happenedAt, context.timezone),
      words: decision.words,
      notice: decision.notice,
      choices: decision.choices,
    }));
    const text =
      writes.length === 0
        ? 'No kept write waits for your decision.'
        : [
            `${writes.length} kept ${writes.length === 1 ? 'write waits' : 'writes wait'} for your decision:`,
            ...writes.map((write) => `#${write.id} ${write.words}`),
          ].join('\n');
    return { data: { writes }, text: [text] };
  },
});

export const decideKeptWrite = defineAppTool({
  ...decideKeptWriteContract,
  async handler(args, context) {
    const { tracker } = context;
    if (!tracker.keptWrites) throw new ToolInputError('kept_writes_none', { back_end: tracker.label });
    const notice = await tracker.keptWrites.decide(args.id, args.choice);
    const outcome = modelText(noticeSentence(notice));
    return { data: { id: args.id, choice: args.choice, outcome, notice }, text: noticeSentence(notice) };
  },
});

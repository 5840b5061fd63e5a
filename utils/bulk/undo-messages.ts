// What the page and the CSV say about putting back what a removal took, in one place.
import type { BulkDirection } from './job';

export const UNDO_MESSAGES = {
  restoredLabel: 'Put back',
  restored: 'The territories were put back.',
  alreadyBack: 'The record held the territory already: it counts as put back.',
  scheduled: (jobId: string) =>
    `Zoho scheduled putting the territory back (job ${jobId}); the record lists it once the job ends.`,
  undoButton: (count: string) => `Put back what this run removed (${count})`,
  undoOf: 'Puts back what an earlier removal took',
  runNoun: 'Undo',
  running: 'putting back',
  csvPrefix: 'territory-put-back',
} as const;

/** What a run is called on the page, by what it does. */
export const RUN_NOUN: Readonly<Record<BulkDirection, string>> = { remove: 'Removal', assign: UNDO_MESSAGES.runNoun };
/** "… · removing Key Accounts · …" */
export const RUN_VERB: Readonly<Record<BulkDirection, string>> = { remove: 'removing', assign: UNDO_MESSAGES.running };

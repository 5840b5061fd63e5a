// What a run does to each record, as data: the Zoho action it posts, the state a read must find for
// a record to be done, and what Zoho's answers mean for a record. The runner reads only this, so a
// removal and the put-back of a removal share every other step (zoho-crm.md §1, §3). Pure.
import type { BulkDirection, BulkJob, RecordOutcome, VerifyFirst } from './job';
import { errorOutcome, outcomeOfError, refersToTerritory, type ZohoError } from './outcomes';

/** The many-record action of `POST /{Module}/actions/{action}`. */
export type TerritoryAction = 'remove_territories' | 'assign_territories';

export interface SuccessEntry {
  scheduled: boolean;
  jobId: string | null;
}

export interface BulkOperation {
  direction: BulkDirection;
  action: TerritoryAction;
  /** Of the territories `sent` to a record that holds `held`, those the change still has to make. */
  stillToChange(sent: readonly string[], held: readonly string[]): string[];
  /** A record's success entry: done, or scheduled as a Zoho job that will do it. */
  outcomeOfSuccess(success: SuccessEntry): RecordOutcome;
  /** A record a read found as the run wants it. */
  outcomeOfReached(verify: VerifyFirst): RecordOutcome;
  /** One record refused (in its own entry, or as a batch of one). */
  outcomeOfRefusal(error: ZohoError): RecordOutcome;
  /**
   * Zoho refuses the whole entry for one of its territories (zoho-crm.md §1): a read tells which
   * of the others still need the change.
   */
  refusesOneTerritory(error: ZohoError): boolean;
}

export const REMOVE_OPERATION: BulkOperation = {
  direction: 'remove',
  action: 'remove_territories',
  stillToChange: (sent, held) => sent.filter((t) => held.includes(t)),
  outcomeOfSuccess: ({ scheduled, jobId }) => (scheduled ? { kind: 'scheduled', jobId } : { kind: 'removed' }),
  outcomeOfReached: (verify) => ({ kind: verify.goneMeans }),
  outcomeOfRefusal: outcomeOfError,
  // A territory not on the record: INVALID_DATA pointing into `Territories`.
  refusesOneTerritory: (error) => error.code === 'INVALID_DATA' && refersToTerritory(error.details),
};

/** Putting back what a removal took: `assign_territories` with the same body (zoho-crm.md §3). */
export const ASSIGN_OPERATION: BulkOperation = {
  direction: 'assign',
  action: 'assign_territories',
  stillToChange: (sent, held) => sent.filter((t) => !held.includes(t)),
  outcomeOfSuccess: ({ scheduled, jobId }) => (scheduled ? { kind: 'scheduled', jobId } : { kind: 'restored' }),
  outcomeOfReached: (verify) =>
    verify.goneMeans === 'removed' ? { kind: 'restored' } : { kind: 'restored', already: true },
  outcomeOfRefusal(error) {
    switch (error.code) {
      // Already on the record: what the put-back wanted.
      case 'DUPLICATE_DATA':
        return { kind: 'restored', already: true };
      // Zoho still runs a change on the record (the removal itself, if it was scheduled): not put
      // back yet, and a later retry may do it.
      case 'ALREADY_SCHEDULED':
      case 'NOT_ALLOWED':
        return errorOutcome(error);
      case 'INVALID_DATA':
        // A territory refused on assignment no longer exists; it was not "not assigned".
        return refersToTerritory(error.details) ? errorOutcome(error) : outcomeOfError(error);
    }
    return outcomeOfError(error);
  },
  refusesOneTerritory: (error) => error.code === 'DUPLICATE_DATA',
};

const OPERATIONS: Readonly<Record<BulkDirection, BulkOperation>> = {
  remove: REMOVE_OPERATION,
  assign: ASSIGN_OPERATION,
};

export function operationOf(job: Pick<BulkJob, 'direction'>): BulkOperation {
  return OPERATIONS[job.direction];
}

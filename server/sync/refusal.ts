import type { RejectReason } from '../metrics';

/** Why a client's change was not kept: the connection is closed with `code`, and the document is reloaded without it. */
export interface Refusal {
  code: number;
  reason: RejectReason;
  detail: string;
}

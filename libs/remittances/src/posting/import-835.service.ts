import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@claimtrail/event-store';
import { CLOCK, type Clock } from '@claimtrail/platform';
import { parse835 } from '../x12/parse-835.js';
import type { Remittance, RemittanceClaim } from '../x12/remittance.types.js';
import { ClaimPostings, type PlannedPosting, type PostingRequest } from './claim-postings.js';
import { countsOf, outcomeOf, problemsOf, type ImportOptions, type ImportReport } from './import-report.js';
import { IMPORT_OBSERVER, type ImportObserver } from './import-observer.port.js';
import { commandIdOf, postingFor } from './remittance-posting.js';
import {
  REMITTANCE_EVENT_VERSIONS,
  postingTotals,
  remittanceStreamName,
  type ClaimPostingRecord,
  type RemittanceImported,
} from './remittance.events.js';

interface ClpRequest extends PostingRequest {
  remittance: Remittance;
  clp: RemittanceClaim;
}

/**
 * Imports an X12 835: the whole file parsed and checked (envelope counts, each claim and the remittance balance), every
 * claim payment decided on its claim (ClaimPostings), then posted, and the remittance recorded in its own stream with
 * what became of each claim and its provider-level adjustments. Nothing is posted when any check fails, unless
 * allowPartial; the same file imported again posts nothing new.
 */
@Injectable()
export class Import835Service {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly postings: ClaimPostings,
    @Inject(IMPORT_OBSERVER) private readonly observer: ImportObserver,
  ) {}

  async import(text: string, options: ImportOptions): Promise<ImportReport> {
    const report = await this.importFile(text, options);
    this.observer.fileImported('835', report.counts);
    return report;
  }

  private async importFile(text: string, options: ImportOptions): Promise<ImportReport> {
    const parsed = parse835(text);
    if (!parsed.ok) return reportOf(parsed.remittances, [], parsed.problems);
    const plan = await this.postings.plan(requestsOf(parsed.remittances));
    const problems = problemsOf(plan, (r) => r.clp.position, 'CLP');
    if (problems.length === 0 || options.allowPartial) {
      await this.postings.post(plan, options.actor, options.onProgress);
      await this.record(parsed.remittances, plan, text, options.actor);
    }
    return reportOf(parsed.remittances, plan, problems);
  }

  /** The remittance as imported, by every import that posted or left something to work. */
  private async record(
    remittances: Remittance[],
    plan: PlannedPosting<ClpRequest>[],
    text: string,
    actor: string,
  ): Promise<void> {
    const fileSha256 = createHash('sha256').update(text).digest('hex');
    const occurredAt = this.clock.now().toISOString();
    for (const remittance of remittances) {
      const mine = plan.filter((p) => p.request.remittance === remittance);
      if (!mine.some((p) => p.outcome === 'POSTED' || p.outcome === 'UNMATCHED')) continue;
      const data: RemittanceImported['data'] = {
        ...paymentOf(remittance),
        payeeName: remittance.payee.name,
        ...(remittance.payee.npi !== undefined && { payeeNpi: remittance.payee.npi }),
        creditDebit: remittance.creditDebit,
        claims: mine.map(recordOf),
        fileSha256,
      };
      const event = {
        id: randomUUID(),
        type: 'RemittanceImported',
        schemaVersion: REMITTANCE_EVENT_VERSIONS.RemittanceImported,
        data,
        metadata: { actor, occurredAt },
      };
      await this.store.append(remittanceStreamName(remittance.payer.id, remittance.traceNumber), [event], {
        expectedVersion: 'any',
      });
    }
  }
}

function requestsOf(remittances: Remittance[]): ClpRequest[] {
  const occurrences = new Map<string, number>();
  return remittances.flatMap((remittance) =>
    remittance.claims.map((clp) => {
      const key = `${remittance.payer.id}:${remittance.traceNumber}:${clp.patientControlNumber}`;
      const occurrence = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, occurrence);
      return {
        remittance,
        clp,
        claimId: clp.patientControlNumber,
        commandId: commandIdOf(remittance, clp, occurrence),
        postingFor: (state, today) => postingFor(remittance, clp, state, today),
      };
    }),
  );
}

/** The payment itself: who paid, the check or EFT, the total and the provider-level adjustments. */
function paymentOf(remittance: Remittance) {
  return {
    payerId: remittance.payer.id,
    payerName: remittance.payer.name,
    traceNumber: remittance.traceNumber,
    paymentMethod: remittance.paymentMethod,
    paymentDate: remittance.paymentDate,
    totalPaidCents: remittance.totalPaidCents,
    providerAdjustments: remittance.providerAdjustments.map(({ position: _p, ...plb }) => plb),
  };
}

function recordOf(planned: PlannedPosting<ClpRequest>): ClaimPostingRecord {
  const { clp } = planned.request;
  return {
    patientControlNumber: clp.patientControlNumber,
    statusCode: clp.statusCode,
    chargeCents: clp.chargeCents,
    paidCents: clp.paidCents,
    ...(clp.payerClaimNumber !== undefined && { payerClaimNumber: clp.payerClaimNumber }),
    ...outcomeOf(planned),
    position: clp.position,
  };
}

function reportOf(
  remittances: Remittance[],
  plan: PlannedPosting<ClpRequest>[],
  problems: ImportReport['problems'],
): ImportReport {
  const counts = countsOf(
    plan,
    remittances.reduce((n, r) => n + r.claims.length, 0),
  );
  return {
    posted: counts.posted > 0,
    alreadyImported: counts.claims > 0 && counts.alreadyPosted === counts.claims,
    remittances: remittances.map((remittance) => {
      const claims = plan.filter((p) => p.request.remittance === remittance).map(recordOf);
      return {
        ...paymentOf(remittance),
        providerAdjustmentCents: remittance.providerAdjustments.reduce((sum, a) => sum + a.amountCents, 0),
        claims,
        ...postingTotals(claims),
      };
    }),
    problems,
    counts,
  };
}

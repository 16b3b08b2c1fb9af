import { Inject, Injectable } from '@nestjs/common';
import { parse277ca } from '../x12/parse-277ca.js';
import type { Acknowledgement, ClaimStatusReport } from '../x12/claim-acknowledgement.types.js';
import { acknowledgementCommandId, acknowledgementPostingFor } from './acknowledgement-posting.js';
import { ClaimPostings, type PlannedPosting, type PostingRequest } from './claim-postings.js';
import { countsOf, outcomeOf, problemsOf, type ImportOptions, type ImportReport } from './import-report.js';
import { IMPORT_OBSERVER, type ImportObserver } from './import-observer.port.js';

interface AckRequest extends PostingRequest {
  ack: Acknowledgement;
  report: ClaimStatusReport;
}

/**
 * Imports an X12 277CA: each claim's acknowledgement (A1/A2) or front-end rejection (A3, A4, A6-A8) as the claim
 * commands, decided and posted as the 835's claims are (ClaimPostings): nothing when a line is refused, unless
 * allowPartial; the same file again posts nothing new.
 */
@Injectable()
export class Import277caService {
  constructor(
    private readonly postings: ClaimPostings,
    @Inject(IMPORT_OBSERVER) private readonly observer: ImportObserver,
  ) {}

  async import(text: string, options: ImportOptions): Promise<ImportReport> {
    const report = await this.importFile(text, options);
    this.observer.fileImported('277ca', report.counts);
    return report;
  }

  private async importFile(text: string, options: ImportOptions): Promise<ImportReport> {
    const parsed = parse277ca(text);
    if (!parsed.ok) return reportOf([], parsed.problems, 0);
    const requests: AckRequest[] = parsed.acknowledgements.flatMap((ack) =>
      ack.claims.map((report) => ({
        ack,
        report,
        claimId: report.patientControlNumber,
        commandId: acknowledgementCommandId(ack, report),
        postingFor: (state, today) => acknowledgementPostingFor(report, state, today),
      })),
    );
    const plan = await this.postings.plan(requests);
    const problems = problemsOf(plan, (r) => r.report.position, 'HL');
    if (problems.length === 0 || options.allowPartial)
      await this.postings.post(plan, options.actor, options.onProgress);
    return reportOf(plan, problems, requests.length);
  }
}

function reportOf(
  plan: PlannedPosting<AckRequest>[],
  problems: ImportReport['problems'],
  claims: number,
): ImportReport {
  const counts = countsOf(plan, claims);
  return {
    posted: counts.posted > 0,
    alreadyImported: counts.claims > 0 && counts.alreadyPosted === counts.claims,
    remittances: [],
    claims: plan.map((planned) => {
      const { report } = planned.request;
      return {
        patientControlNumber: report.patientControlNumber,
        statusCode: report.statuses.map((s) => s.category).join(','),
        chargeCents: report.chargeCents ?? 0,
        paidCents: 0,
        ...(report.payerClaimNumber !== undefined && { payerClaimNumber: report.payerClaimNumber }),
        ...outcomeOf(planned),
        position: report.position,
      };
    }),
    problems,
    counts,
  };
}

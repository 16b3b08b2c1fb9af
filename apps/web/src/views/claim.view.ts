import { dataTable, h } from '../dom.js';
import { exactMoney } from '../format.js';
import { ClaimDetailDocument } from '../graphql/generated.js';
import type { View } from './view.js';

const HISTORY_PAGE = 100;

/** One claim: what is owed and paid, its deadlines, and every event of its history in order. */
export function claimView(claimId: string): View {
  return {
    title: `Claim ${claimId}`,
    changesWith: (changed) => changed === claimId,
    async render(into, context) {
      const { claim, claimHistoryPage } = await context.request(ClaimDetailDocument, {
        id: claimId,
        first: HISTORY_PAGE,
        at: context.at,
      });
      const back = h('p', {}, h('a', { href: '#/worklist' }, '← Back to the worklist'));
      if (!claim) {
        into.append(back, h('p', { role: 'alert' }, `No claim ${claimId}.`));
        return;
      }
      const history = claimHistoryPage.edges.map(({ node }) => node);
      into.append(
        back,
        h(
          'dl',
          { class: 'facts' },
          ...[
            ['Status', claim.status],
            ['Payer', claim.payerId],
            ['Service date', claim.serviceDate],
            ['Charge', exactMoney(claim.totalChargeCents)],
            ['Paid', exactMoney(claim.balances.paidCents)],
            ['Insurance balance', exactMoney(claim.balances.insuranceBalanceCents)],
            ['Patient balance', exactMoney(claim.balances.patientBalanceCents)],
            ['Timely filing by', claim.deadlines.timelyFiling],
            ['Information due', claim.deadlines.infoDue ?? '—'],
            ['Assignee', claim.assignee ?? '—'],
          ].flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
        ),
        h('h2', {}, 'Payments'),
        claim.payments.length === 0
          ? h('p', {}, 'No payment yet.')
          : dataTable(
              'Payments on this claim',
              ['Payment', 'Paid on', 'Amount', 'Reversed'],
              claim.payments.map((p) => [
                p.paymentId,
                p.paidDate,
                exactMoney(p.paidCents),
                p.reversed ? 'yes' : 'no',
              ]),
              'data payments',
            ),
        h('h2', {}, 'History'),
        h(
          'ol',
          { class: 'timeline', 'aria-label': `History of claim ${claim.id}` },
          ...history.map((e) =>
            h(
              'li',
              { 'data-type': e.type },
              h('time', { datetime: e.metadata.occurredAt }, e.metadata.occurredAt.slice(0, 10)),
              h('strong', {}, e.type),
              h('span', {}, ` by ${e.metadata.actor}, version ${e.version}`),
            ),
          ),
        ),
      );
      if (claimHistoryPage.pageInfo.hasNextPage)
        into.append(h('p', {}, `The first ${HISTORY_PAGE} events are shown.`));
    },
  };
}

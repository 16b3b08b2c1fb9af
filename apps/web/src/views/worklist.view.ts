import { dataTable, h } from '../dom.js';
import { integer, money } from '../format.js';
import { WorklistDocument } from '../graphql/generated.js';
import type { View } from './view.js';

export const WORKLIST_PAGE = 25;

const REASONS: Record<string, string> = {
  CREDIT_BALANCE: 'Credit balance: refund or offset',
  NO_RESPONSE: 'No payer response',
  REJECTED: 'Rejected: correct and resubmit',
  PENDED: 'Information requested',
  DENIED: 'Denied: appeal or correct',
  UNDERPAID: 'Underpaid',
  SECONDARY_NO_RESPONSE: 'Secondary payer silent',
  BILL_PATIENT: 'Bill the patient',
  PATIENT_BALANCE_OVERDUE: 'Patient statement overdue',
  REFER_TO_COLLECTIONS: 'Refer to collections',
};

const DEADLINES: Record<string, string> = {
  TIMELY_FILING: 'Timely filing',
  APPEAL: 'Appeal',
  INFO_DUE: 'Information due',
};

function deadlineText(kind: string | null, deadline: string | null, daysLeft: number | null): string {
  if (!deadline) return '—';
  const left = daysLeft === null ? '' : daysLeft < 0 ? ` (${-daysLeft} d late)` : ` (${daysLeft} d left)`;
  return `${DEADLINES[kind ?? ''] ?? kind ?? 'Deadline'} ${deadline}${left}`;
}

/** The signed-in user's worklist (or everyone's), one page at a time, most urgent first. */
export function worklistView(): View {
  let mine = true;
  const cursors: (string | null)[] = [null];
  return {
    title: 'Worklist',
    changesWith: () => true,
    async render(into, context) {
      const after = cursors[cursors.length - 1] ?? null;
      const { worklist } = await context.request(WorklistDocument, {
        assignee: mine ? context.session.actor : null,
        first: WORKLIST_PAGE,
        after,
        at: context.at,
      });
      const rerender = () => {
        into.replaceChildren();
        return this.render(into, context);
      };
      const page = cursors.length;
      const rows = worklist.edges.map(({ node }) => [
        h('a', { href: `#/claim/${encodeURIComponent(node.claimId)}`, class: 'claim-link' }, node.claimId),
        node.payerId,
        REASONS[node.reason] ?? node.reason,
        h(
          'span',
          { class: node.daysToDeadline !== null && node.daysToDeadline < 7 ? 'urgent' : undefined },
          deadlineText(node.deadlineKind, node.deadline, node.daysToDeadline),
        ),
        money(node.atStakeCents),
        integer(node.ageDays),
        node.assignee ?? '—',
      ]);
      const table = dataTable(
        `${mine ? `Work assigned to ${context.session.actor}` : 'All work'}: page ${page}, ${integer(worklist.totalCount)} items`,
        ['Claim', 'Payer', 'Reason', 'Deadline', 'At stake', 'Age (days)', 'Assignee'],
        rows,
        'data worklist',
      );
      // The whole row opens the claim for a pointer; the keyboard reaches the same link in its first cell.
      table.querySelectorAll('tbody tr').forEach((row) =>
        row.addEventListener('click', (event) => {
          if ((event.target as HTMLElement).closest('a')) return;
          row.querySelector('a')?.click();
        }),
      );
      into.append(
        h(
          'form',
          { class: 'controls', onsubmit: (event: Event) => event.preventDefault() },
          h(
            'label',
            {},
            h('input', {
              type: 'checkbox',
              id: 'mine',
              checked: mine,
              onchange: (event: Event) => {
                mine = (event.target as HTMLInputElement).checked;
                cursors.splice(1);
                void rerender();
              },
            }),
            ` Only mine (${context.session.actor})`,
          ),
        ),
        worklist.edges.length === 0 ? h('p', {}, 'Nothing needs action today.') : table,
        h(
          'nav',
          { class: 'pager', 'aria-label': 'Worklist pages' },
          h(
            'button',
            {
              type: 'button',
              disabled: page === 1,
              onclick: () => {
                cursors.pop();
                void rerender();
              },
            },
            'Previous page',
          ),
          h(
            'button',
            {
              type: 'button',
              disabled: !worklist.pageInfo.hasNextPage,
              onclick: () => {
                cursors.push(worklist.pageInfo.endCursor);
                void rerender();
              },
            },
            'Next page',
          ),
        ),
      );
    },
  };
}

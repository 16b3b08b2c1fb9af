// Payments per payer per day, folded from claim events, with the position of the last event folded in.
// The totals and the position are one JSON document, committed by one rename: after a crash the file holds
// either the old totals with the old position or the new totals with the new position, never a mix. Resuming
// from the committed position therefore neither loses nor repeats an event.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** The event types the ledger needs: submissions name the payer, payments and reversals move money. */
export const LEDGER_TYPES = ['ClaimSubmitted', 'ClaimPaid', 'PaymentReversed'];

export function loadLedger(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    return { after: null, applied: 0, payerOfClaim: {}, totals: {} };
  }
}

function add(ledger, payerId, day, cents) {
  const byDay = (ledger.totals[payerId] ??= {});
  byDay[day] = (byDay[day] ?? 0) + cents;
}

/** Folds one event ({ position, claimId, type, data }) into the ledger. Pure bookkeeping, no I/O. */
export function applyEvent(ledger, { position, claimId, type, data }) {
  if (type === 'ClaimSubmitted') ledger.payerOfClaim[claimId] = data.payerId;
  else if (type === 'ClaimPaid') add(ledger, ledger.payerOfClaim[claimId], data.paidDate, data.paidCents);
  else if (type === 'PaymentReversed')
    add(ledger, ledger.payerOfClaim[claimId], data.reversedOn, -data.paidCents);
  ledger.after = position;
  ledger.applied += 1;
}

function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  const fd = openSync(temporary, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temporary, file);
}

/** Commits the ledger (totals and position together), then rewrites the CSV view of it. */
export function commitLedger(file, ledger) {
  writeAtomically(file, JSON.stringify(ledger));
  // Derived from what was just committed, so rewriting it after a crash gives the same file.
  const rows = Object.entries(ledger.totals).flatMap(([payer, days]) =>
    Object.entries(days).map(([day, cents]) => `${payer},${day},${cents}`),
  );
  writeAtomically(
    file.replace(/\.json$/, '') + '.csv',
    ['payer,day,paid_cents', ...rows.sort()].join('\n') + '\n',
  );
}

/**
 * Commits every `every` events, and when no event came for `idleMs`: a crash costs at most that much work
 * done again, never a double count.
 */
export function committer(file, ledger, { every = 200, idleMs = 100 } = {}) {
  let pending = 0;
  let timer;
  const commit = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending === 0) return;
    pending = 0;
    commitLedger(file, ledger);
  };
  return {
    applied() {
      pending += 1;
      if (pending >= every) commit();
      else {
        clearTimeout(timer);
        timer = setTimeout(commit, idleMs);
      }
    },
    commit,
  };
}

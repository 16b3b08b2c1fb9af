/**
 * Okabe & Ito's palette: eight colours that stay apart for the common kinds of colour blindness. Black comes last:
 * it is kept for text and axes.
 */
export const PALETTE = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#F0E442', // yellow
  '#000000',
] as const;

/** Ordered series (age buckets) from cool to warm, so that older money reads as more urgent. */
export const AGING_COLOURS = ['#56B4E9', '#0072B2', '#F0E442', '#E69F00', '#D55E00'] as const;

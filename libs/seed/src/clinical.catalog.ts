// Practices, their usual visits and the codes they bill. Fees are the practice's charge master in cents; what each
// payer allows of them is the payer's habit (payer.catalog.ts).

export interface Procedure {
  code: string;
  feeCents: number;
  modifiers?: string[];
  /** Billed in units (therapy minutes, drug units): from 1 to maxUnits. */
  maxUnits?: number;
}

export interface Visit {
  /** The visit's own service lines, the first always billed, the others each with `optionalChance`. */
  procedures: Procedure[];
  optionalChance: number;
}

export interface Specialty {
  name: string;
  diagnoses: string[];
  visits: Visit[];
  /** Share of the book. */
  weight: number;
}

const em = (code: string, feeCents: number): Procedure => ({ code, feeCents });

export const SPECIALTIES: readonly Specialty[] = [
  {
    name: 'family medicine',
    weight: 5,
    diagnoses: [
      'E11.9',
      'I10',
      'E78.5',
      'J06.9',
      'Z00.00',
      'Z23',
      'M54.50',
      'E66.9',
      'F41.1',
      'R05.9',
      'K21.9',
    ],
    visits: [
      {
        procedures: [em('99213', 15_000), em('36415', 2_000), em('80053', 4_500), em('83036', 4_000)],
        optionalChance: 0.4,
      },
      {
        procedures: [em('99214', 22_000), em('85025', 3_500), em('80061', 5_500)],
        optionalChance: 0.35,
      },
      { procedures: [em('99396', 28_000), em('90471', 3_000), em('90686', 4_500)], optionalChance: 0.6 },
      { procedures: [em('G0439', 19_000), em('99497', 17_000)], optionalChance: 0.2 },
      { procedures: [em('99203', 20_000)], optionalChance: 0 },
    ],
  },
  {
    name: 'cardiology',
    weight: 2,
    diagnoses: ['I10', 'I25.10', 'I48.91', 'R07.9', 'I50.9', 'R00.2', 'E78.5'],
    visits: [
      { procedures: [em('99214', 24_000), em('93000', 6_000)], optionalChance: 0.7 },
      { procedures: [em('93306', 90_000)], optionalChance: 0 },
      { procedures: [em('99204', 34_000), em('93015', 35_000), em('93000', 6_000)], optionalChance: 0.5 },
      { procedures: [em('93880', 55_000)], optionalChance: 0 },
    ],
  },
  {
    name: 'orthopedics',
    weight: 2,
    diagnoses: ['M17.11', 'M17.12', 'M25.561', 'M75.101', 'S83.241A', 'M54.50', 'M19.011'],
    visits: [
      {
        procedures: [
          { code: '99213', feeCents: 16_000, modifiers: ['25'] },
          { code: '20610', feeCents: 25_000, modifiers: ['RT'] },
          { code: 'J3301', feeCents: 1_500, maxUnits: 4 },
          { code: '73562', feeCents: 11_000 },
        ],
        optionalChance: 0.6,
      },
      { procedures: [em('99203', 21_000), em('73030', 9_000)], optionalChance: 0.7 },
      { procedures: [{ code: '29881', feeCents: 450_000, modifiers: ['LT'] }], optionalChance: 0 },
    ],
  },
  {
    name: 'physical therapy',
    weight: 2,
    diagnoses: ['M54.50', 'M25.511', 'M62.81', 'S39.012A', 'M17.11', 'M54.2'],
    visits: [
      {
        procedures: [
          { code: '97110', feeCents: 5_000, modifiers: ['GP'], maxUnits: 4 },
          { code: '97140', feeCents: 4_500, modifiers: ['GP'], maxUnits: 2 },
          { code: '97530', feeCents: 5_500, modifiers: ['GP'], maxUnits: 3 },
          { code: '97112', feeCents: 5_000, modifiers: ['GP'], maxUnits: 2 },
        ],
        optionalChance: 0.6,
      },
      { procedures: [{ code: '97161', feeCents: 18_000, modifiers: ['GP'] }], optionalChance: 0 },
    ],
  },
  {
    name: 'radiology',
    weight: 1,
    diagnoses: ['R10.9', 'R91.8', 'Z12.31', 'R51.9', 'G43.909', 'R93.89'],
    visits: [
      { procedures: [em('71046', 12_000)], optionalChance: 0 },
      { procedures: [em('74177', 150_000)], optionalChance: 0 },
      { procedures: [em('70553', 280_000)], optionalChance: 0 },
      { procedures: [em('77067', 25_000), em('76641', 30_000)], optionalChance: 0.3 },
      { procedures: [em('76700', 40_000)], optionalChance: 0 },
    ],
  },
];

/** NPIs of the book's rendering providers (10 digits, valid check digit), by specialty. */
export function providerNpis(specialtyIndex: number): string[] {
  return [0, 1, 2].map((n) => npiWithCheckDigit(`1${String(specialtyIndex)}${String(n)}445566`.slice(0, 9)));
}

/** The 10th digit of an NPI: Luhn over the 80840 health-industry prefix and the first nine digits. */
export function npiWithCheckDigit(nineDigits: string): string {
  const digits = `80840${nineDigits}`;
  let sum = 0;
  // Digits are doubled from the right, starting with the last one, since the check digit will follow them.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${nineDigits}${(10 - (sum % 10)) % 10}`;
}

/** Front-end rejection categories and what a clearinghouse says about them. */
export const REJECTIONS: readonly (readonly [statusCode: string, reason: string])[] = [
  ['A7', 'Subscriber and subscriber id not found'],
  ['A3', 'Invalid billing provider taxonomy'],
  ['A6', 'Missing patient date of birth'],
  ['A8', 'Rendering provider not enrolled with the payer'],
  ['A7', 'Invalid diagnosis code for date of service'],
];

export const PEND_REQUESTS: readonly (readonly [statusCode: string, requested: string])[] = [
  ['R4', 'Medical records for the date of service'],
  ['R4', 'Operative report'],
  ['R3', 'Itemized bill'],
  ['R1', 'Coordination of benefits questionnaire from the member'],
  ['P3', 'Accident details and date of injury'],
];

export const BILLERS = ['biller-ana', 'biller-raj', 'biller-kim', 'biller-lou', 'biller-sam'] as const;

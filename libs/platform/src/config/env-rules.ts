import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { applyDecorators } from '@nestjs/common';

const TRUE = /^(true|1)$/i;
const FALSE = /^(false|0)$/i;

/** An optional true/false key (also 1/0); anything else is refused, not read as true. */
export const EnvBoolean = () =>
  applyDecorators(
    IsOptional(),
    // Reads the raw string: implicit conversion would already have turned any non-empty text into true.
    Transform(({ obj, key }) => {
      const raw = String((obj as Record<string, unknown>)[key]);
      return TRUE.test(raw) ? true : FALSE.test(raw) ? false : raw;
    }),
    IsBoolean({ message: '$property must be true or false' }),
  );

/** An optional whole number in a range. */
export const EnvInteger = (min: number, max: number) =>
  applyDecorators(
    IsOptional(),
    IsInt({ message: `$property must be an integer from ${min} to ${max}` }),
    Min(min, { message: `$property must be an integer from ${min} to ${max}` }),
    Max(max, { message: `$property must be an integer from ${min} to ${max}` }),
  );

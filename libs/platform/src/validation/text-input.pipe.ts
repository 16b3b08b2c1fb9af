import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { RequestValidationError, type FieldProblem } from '../errors/api-errors.js';

/** The rule a string breaks, described for the client (no value), or undefined; the domain owns the rules. */
export type TextRule = (value: string, kind: 'multiline' | 'token') => string | undefined;

/** Fields, by name wherever they appear, that hold free text where a tab or a line break belongs. */
export const MULTILINE_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'reason',
  'outcome',
  'note',
  'description',
  'requested',
  'method',
  'name',
  // The X12 file an import mutation takes: segments end in a line break.
  'text',
]);

// GqlParamtype.ARGS, which @nestjs/graphql does not export; context, info and parent are not client input.
const GRAPHQL_ARGUMENT = 3;
const HTTP_ARGUMENTS: readonly unknown[] = ['body', 'query', 'param'];

/**
 * Every string in every argument of every resolver, primitives and nested lists included (the ValidationPipe skips
 * primitive arguments), is checked against the domain's text rules before anything else sees it, so no string the
 * database cannot store or that hides text reaches a command, a query or a log. Register it before the
 * ValidationPipe. Fields are named as the ValidationPipe names them: inside `input`, else from the argument's name.
 */
@Injectable()
export class TextInputPipe implements PipeTransform {
  constructor(
    private readonly rule: TextRule,
    private readonly multilineFields: ReadonlySet<string> = MULTILINE_TEXT_FIELDS,
  ) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== (GRAPHQL_ARGUMENT as unknown) && !HTTP_ARGUMENTS.includes(metadata.type))
      return value;
    const root = metadata.data === 'input' || metadata.data === undefined ? '' : metadata.data;
    const problems = this.problems(value, root, root);
    if (problems.length > 0) throw new RequestValidationError(problems);
    return value;
  }

  /** Each string in `value` that breaks a text rule, by its path; `name` is the field that holds it. */
  problems(value: unknown, path: string, name: string): FieldProblem[] {
    if (typeof value === 'string') {
      const broken = this.rule(value, this.multilineFields.has(name) ? 'multiline' : 'token');
      return broken ? [{ field: path, message: `${path || 'value'} ${broken}` }] : [];
    }
    if (Array.isArray(value)) return value.flatMap((item, i) => this.problems(item, `${path}[${i}]`, name));
    if (value !== null && typeof value === 'object') {
      return Object.entries(value).flatMap(([key, item]) =>
        this.problems(item, path ? `${path}.${key}` : key, key),
      );
    }
    return [];
  }
}

/**
 * Request validation: bodies are checked exactly as sent (no type coercion, unknown keys refused),
 * while querystrings and path params — always strings on the wire — are coerced to their schema types.
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { FORBIDDEN_REQUEST_KEYS } from '../contract/types.js';

const common = { allErrors: true, strict: false, useDefaults: true, removeAdditional: false } as const;
const strictAjv = new Ajv({ ...common, coerceTypes: false });
const coercingAjv = new Ajv({ ...common, coerceTypes: 'array' });

export function installValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema));
}

/** Turns validation errors into `fields` (dotted path → what is wrong) and the error code to answer with. */
export function describeValidation(errors: ErrorObject[], part: string): { code: string; fields: Record<string, string> } {
  // No prototype: an unknown key named `constructor` or `toString` must be reported like any other.
  const fields: Record<string, string> = Object.create(null);
  let forbidden = false;
  for (const error of errors) {
    let path = error.instancePath.split('/').filter(Boolean).join('.');
    let message = messageFor(error);
    if (error.keyword === 'required') path = join(path, String(error.params.missingProperty));
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      path = join(path, key);
      if (!path.includes('.') && FORBIDDEN_REQUEST_KEYS.includes(key)) {
        forbidden = true;
        message = 'may not be set by a client';
      }
    }
    // Keep the first problem per field: it is the most basic one (type before length, and so on).
    fields[path || part] ??= message;
  }
  return { code: forbidden ? 'field_not_allowed' : 'validation_failed', fields: { ...fields } };
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function messageFor(error: ErrorObject): string {
  const { params } = error;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'type':
      return `must be ${TYPE_NAMES[String(params.type)] ?? `of type ${params.type}`}`;
    case 'maxLength':
      return `must be at most ${params.limit} characters`;
    case 'minLength':
      return `must be at least ${params.limit} characters`;
    case 'maxItems':
      return `must have at most ${params.limit} entries`;
    case 'pattern':
      return 'contains characters that are not allowed';
    case 'minimum':
    case 'maximum':
      return `must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${params.limit}`;
    default:
      return error.message ?? 'is not valid';
  }
}

/**
 * Typed errors thrown by the core. Each dialect maps them to its own wire
 * shape; anything else becomes a generic 500 without details.
 */
export type FieldErrors = Record<string, string>;

export abstract class PierError extends Error {
  abstract readonly status: number;
  /** Stable machine-readable reason, e.g. "not_found". */
  abstract readonly reason: string;
}

export class NotFound extends PierError {
  readonly status = 404;
  readonly reason = 'not_found';
  /** `what` names the missing thing; `message`, when given, replaces the whole sentence. */
  constructor(what: string, message?: string) {
    super(message ?? `${what} not found`);
  }
}

export class Conflict extends PierError {
  readonly status = 409;
  readonly reason = 'conflict';
}

export class Invalid extends PierError {
  readonly status = 400;
  readonly reason = 'invalid';
  constructor(readonly fields: FieldErrors, message?: string) {
    super(message ?? Object.entries(fields).map(([f, m]) => `${f}: ${m}`).join('; '));
  }
}

export class Unauthorized extends PierError {
  readonly status = 401;
  readonly reason = 'unauthorized';
  constructor(message = 'authentication required') {
    super(message);
  }
}

export class Forbidden extends PierError {
  readonly status = 403;
  readonly reason = 'forbidden';
  constructor(message = 'not allowed') {
    super(message);
  }
}

export class TooManyRequests extends PierError {
  readonly status = 429;
  readonly reason = 'too_many_requests';
  constructor(readonly retryAfterSeconds: number, message = 'too many failed sign-ins; try again later') {
    super(message);
  }
}

export class PayloadTooLarge extends PierError {
  readonly status = 413;
  readonly reason = 'payload_too_large';
}

export class UnsupportedMediaType extends PierError {
  readonly status = 415;
  readonly reason = 'unsupported_media_type';
  constructor(message = 'The Media Type of the request is not supported, it has to be "application/json"') {
    super(message);
  }
}

export class MethodNotAllowed extends PierError {
  readonly status = 405;
  readonly reason = 'method_not_allowed';
}

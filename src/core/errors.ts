/**
 * The DomainError family. Every error has a stable `code` that callers (API filter, CLI, tests) match on;
 * messages start with the module that raised them and say what is wrong and where.
 */
export type DomainErrorCode =
  | 'INVALID_TOPOLOGY'
  | 'PARSE_ERROR'
  | 'UNKNOWN_NODE'
  | 'UNKNOWN_LINK'
  | 'INVALID_QUERY'
  | 'NO_PATH'
  | 'SID_SPACE_EXHAUSTED'
  | 'MSD_EXCEEDED'
  | 'INVALID_INTENT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INFEASIBLE'
  | 'DEPLOY_FAILED';

/** Where in an input an error was found: a file line, an element id or a JSON path. */
export interface ErrorLocation {
  readonly line?: number;
  readonly element?: string;
  readonly path?: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  readonly location?: ErrorLocation;

  constructor(message: string, location?: ErrorLocation) {
    super(message);
    this.name = new.target.name;
    if (location) this.location = location;
  }
}

/** One invariant broken in a topology; `problems` lists all of them at once. */
export class InvalidTopologyError extends DomainError {
  readonly code = 'INVALID_TOPOLOGY' as const;
  constructor(
    readonly problems: readonly { readonly message: string; readonly element?: string }[],
    context = 'topology',
  ) {
    super(
      `${context}: ${problems.length} problem${problems.length === 1 ? '' : 's'}: ` +
        problems
          .slice(0, 10)
          .map((p) => p.message)
          .join('; ') +
        (problems.length > 10 ? `; … and ${problems.length - 10} more` : ''),
      problems[0]?.element ? { element: problems[0].element } : undefined,
    );
  }
}

/** A source file that cannot be read as its format: always names the line (or element). */
export class ParseError extends DomainError {
  readonly code = 'PARSE_ERROR' as const;
  constructor(
    readonly format: string,
    detail: string,
    location: ErrorLocation,
  ) {
    const where =
      location.line !== undefined
        ? `line ${location.line}`
        : location.element !== undefined
          ? location.element
          : (location.path ?? 'input');
    super(`${format}: ${where}: ${detail}`, location);
  }
}

export class UnknownNodeError extends DomainError {
  readonly code = 'UNKNOWN_NODE' as const;
  constructor(
    readonly node: string,
    context: string,
  ) {
    super(`${context}: unknown node '${node}'`, { element: node });
  }
}

export class UnknownLinkError extends DomainError {
  readonly code = 'UNKNOWN_LINK' as const;
  constructor(
    readonly link: string,
    context: string,
  ) {
    super(`${context}: unknown link '${link}'`, { element: link });
  }
}

export class SidSpaceExhaustedError extends DomainError {
  readonly code = 'SID_SPACE_EXHAUSTED' as const;
}

export class InvalidQueryError extends DomainError {
  readonly code = 'INVALID_QUERY' as const;
}

/** A submitted intent or slice that is well-formed but semantically wrong (unknown endpoint, unknown slice…). */
export class InvalidIntentError extends DomainError {
  readonly code = 'INVALID_INTENT' as const;
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
}

/** The request clashes with existing state (name taken, slice in use, operation in progress). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

/** A constraint that made a request infeasible, and the network elements it concerns. */
export interface BlockingConstraint {
  readonly constraint: string;
  readonly detail: string;
  readonly elements?: readonly string[];
}

/** The network cannot satisfy the request; `blocking` names the constraints that decided it. */
export class InfeasibleError extends DomainError {
  readonly code = 'INFEASIBLE' as const;
  constructor(
    message: string,
    readonly blocking: readonly BlockingConstraint[],
  ) {
    const element = blocking[0]?.elements?.[0];
    super(message, element !== undefined ? { element } : undefined);
  }
}

/** Network elements refused or failed a configuration change. */
export class DeployFailedError extends DomainError {
  readonly code = 'DEPLOY_FAILED' as const;
}

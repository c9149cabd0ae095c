// One operation of the public API, declared once: its method and path, the scope it needs, the
// zod schemas of its input and answers, and what it does. serve.server.ts runs it (validating
// the input with those schemas); openapi.server.ts documents it from the same declaration.
import type { z, ZodTypeAny } from "zod";
import type { ActiveApiKey } from "~/domain/api-keys/keys.server";
import type { ApiScope } from "~/domain/api-keys/scopes";

type AnyObject = z.AnyZodObject;
type Output<S> = S extends ZodTypeAny ? z.output<S> : undefined;

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface OperationContext<P, Q, H, B> {
  key: ActiveApiKey;
  params: P;
  query: Q;
  headers: H;
  body: B;
  requestId: string;
  now: Date;
}

/** The problems an operation may answer besides the ones every operation may (documented). */
export interface DocumentedProblem {
  status: number;
  description: string;
}

export interface Operation<
  P extends AnyObject | undefined = AnyObject | undefined,
  Q extends AnyObject | undefined = AnyObject | undefined,
  H extends AnyObject | undefined = AnyObject | undefined,
  B extends ZodTypeAny | undefined = ZodTypeAny | undefined,
> {
  operationId: string;
  method: "get" | "post";
  /** The OpenAPI path below /api/v1, e.g. "/pools/{id}". */
  path: string;
  scope: ApiScope;
  summary: string;
  description: string;
  /** Whether a use changes data: such uses are written to the shop's audit trail. */
  mutating: boolean;
  params?: P;
  query?: Q;
  headers?: H;
  body?: B;
  /** Successful answers by status, with the schema of their body. */
  answers: Record<number, { description: string; schema: ZodTypeAny; headers?: Record<string, string> }>;
  problems: DocumentedProblem[];
  run(context: OperationContext<Output<P>, Output<Q>, Output<H>, Output<B>>): Promise<ApiAnswer>;
}

export type AnyOperation = Operation<AnyObject | undefined, AnyObject | undefined, AnyObject | undefined, ZodTypeAny | undefined>;

/** Declares an operation with its input types inferred from its schemas. */
export function defineOperation<
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  H extends AnyObject | undefined = undefined,
  B extends ZodTypeAny | undefined = undefined,
>(operation: Operation<P, Q, H, B>): AnyOperation {
  return operation as unknown as AnyOperation;
}

/** An answer the operation gives as a problem (application/problem+json). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    /** The last part of the problem's type URN, e.g. "pool-empty". */
    readonly kind: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: { errors?: Record<string, string>; requiredScope?: ApiScope; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { intentBodyToYang, intentYangToSpec, sliceBodyToYang, sliceYangToSpec } from '../adapters/yang';
import type { IntentSpec, SliceSpec } from '../core/model/intent';
import { YANG_VALIDATOR } from '../ports/yang-validator.port';
import type { YangError, YangValidator } from '../ports/yang-validator.port';
import { friendlyIntentError } from './intent-hints';
import { NETWORK_MODEL } from '../app/intent';
import type { NetworkModel } from '../app/intent';
import type { NodeId } from '../core/model/ids';
import { lookupNode } from '../core/topology';
import { RestconfException } from './restconf.exception';

/**
 * YANG at the edge: every intent and slice body is validated as RFC 7951 JSON by libyang before anything
 * else sees it, then mapped to the core shape. Errors come back as 400 with libyang's findings.
 */
@Injectable()
export class RequestValidation {
  constructor(
    @Inject(YANG_VALIDATOR) private readonly validator: YangValidator,
    @Inject(NETWORK_MODEL) private readonly network: NetworkModel,
  ) {}

  /**
   * A validated intent body as the core spec. Endpoints may be given by a node's display name ("Los Angeles");
   * they are resolved to the node id here, and each resolution is said in `notes` (when given).
   */
  async intent(body: unknown, pathName?: string, notes?: string[]): Promise<IntentSpec> {
    if (!isObject(body)) await this.check(intentBodyToYang(body));
    const named = withName(body, pathName, 'intent');
    const doc = intentBodyToYang(named);
    await this.check(doc, friendlyIntentError);
    return this.resolveEndpoints(intentYangToSpec(doc), notes);
  }

  async slice(body: unknown): Promise<SliceSpec> {
    if (!isObject(body)) await this.check(sliceBodyToYang(body));
    const doc = sliceBodyToYang(requireObject(body, 'slice'));
    await this.check(doc);
    return sliceYangToSpec(doc);
  }

  private resolveEndpoints(spec: IntentSpec, notes?: string[]): IntentSpec {
    const resolve = (end: 'a' | 'b'): NodeId => {
      const given = spec.endpoints[end];
      const found = lookupNode(this.network.topology, given);
      if (!found.ok || found.via === 'id') return given;
      notes?.push(`endpoints.${end}: '${given}' is the display name of node '${found.id}'; using the id`);
      return found.id;
    };
    return { ...spec, endpoints: { a: resolve('a'), b: resolve('b') } };
  }

  private async check(doc: unknown, explain: (e: YangError) => YangError = (e) => e): Promise<void> {
    const errors = await this.validator.validate(doc);
    if (errors.length > 0) throw new RestconfException(400, errors.map(explain));
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Non-objects are first shown to libyang (so its verdict wins); whatever it lets through is refused here. */
function requireObject(body: unknown, what: string): Record<string, unknown> {
  if (!isObject(body)) {
    throw new RestconfException(400, [
      {
        errorType: 'protocol',
        errorTag: 'malformed-message',
        errorMessage: `the request body must be one ${what} object`,
      },
    ]);
  }
  return body;
}

/** PUT names the intent in the path: the body may omit the name but must not contradict it. */
function withName(body: unknown, pathName: string | undefined, what: string): Record<string, unknown> {
  const obj = requireObject(body, what);
  if (pathName === undefined) return obj;
  if (obj['name'] !== undefined && obj['name'] !== pathName) {
    throw new RestconfException(400, [
      {
        errorType: 'protocol',
        errorTag: 'invalid-value',
        errorPath: `/autonet-intent:intents/intent[name='${pathName}']/name`,
        errorMessage: `the body names intent '${JSON.stringify(obj['name'])}' but the URL names '${pathName}'`,
      },
    ]);
  }
  return { ...obj, name: pathName };
}

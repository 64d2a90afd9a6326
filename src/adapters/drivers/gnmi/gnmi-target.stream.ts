import type * as grpc from '@grpc/grpc-js';
import { status as grpcStatus } from '@grpc/grpc-js';
import type { DriverSessionState } from '../../../ports/ne-driver.port';
import { backoffDelayMs, type BackoffOptions } from './backoff';
import type { GnmiGrpcClient } from './gnmi-proto';
import { GnmiWireDecoder } from './gnmi-wire.decoder';
import type { GnmiSubscribeResponse } from './gnmi-wire.types';

export interface TargetStreamOptions {
  readonly backoff: BackoffOptions;
  readonly random: () => number;
  readonly onResponse: (r: GnmiSubscribeResponse) => void;
  readonly onState: (state: DriverSessionState, error?: string) => void;
}

/**
 * One long-lived Subscribe stream to one target. When the stream fails or ends it reconnects after an
 * exponential, jittered delay and re-sends the same SubscriptionList, so the target's initial dump (up to
 * sync_response) resynchronises the collector; the delay resets once a sync_response arrives.
 */
export class GnmiTargetStream {
  private readonly decoder = new GnmiWireDecoder();
  private call: grpc.ClientDuplexStream<object, Buffer> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private closing = false;
  private callClosed: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: GnmiGrpcClient,
    private readonly request: object,
    private readonly options: TargetStreamOptions,
  ) {}

  start(): void {
    this.open();
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.timer);
    this.call?.cancel();
    await this.callClosed;
  }

  private open(): void {
    if (this.closing) return;
    this.options.onState('connecting');
    const call = this.client.Subscribe();
    this.call = call;
    let failed = false;
    const fail = (reason: string): void => {
      if (failed) return;
      failed = true;
      if (this.call === call) this.call = undefined;
      this.retry(reason);
    };
    this.callClosed = new Promise((resolve) => call.on('status', () => resolve()));
    call.on('data', (buf: Buffer) => {
      let r: GnmiSubscribeResponse;
      try {
        r = this.decoder.decodeSubscribeResponse(buf);
      } catch (e) {
        call.cancel();
        return fail(`undecodable response: ${(e as Error).message}`);
      }
      if (r.kind === 'sync') {
        this.attempt = 0;
        this.options.onState('up');
      }
      this.options.onResponse(r);
    });
    call.on('error', (e: grpc.ServiceError) => {
      // An unknown target (e.g. an SNMP-only NE behind a gNMI proxy) will not appear soon: retry slowly.
      if (e.code === grpcStatus.NOT_FOUND) this.attempt = Math.max(this.attempt, 30);
      fail(e.details || e.message);
    });
    call.on('end', () => fail('stream ended by the target'));
    call.write(this.request);
  }

  private retry(reason: string): void {
    if (this.closing) return;
    this.options.onState('backoff', reason);
    const delay = backoffDelayMs(this.attempt++, this.options.backoff, this.options.random);
    this.timer = setTimeout(() => this.open(), delay);
  }
}

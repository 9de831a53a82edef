// A chaincode-event log served the way a Fabric gateway serves ChaincodeEvents: start at the
// block of `after_transaction_id` (skipping up to and including it) or at the requested block,
// one response per block with events, then wait for more.
import * as grpc from '@grpc/grpc-js';
import { gateway, peer } from '@hyperledger/fabric-protos';
import type { GatewayScript } from './gateway-server';

export interface LoggedTx {
  block: number;
  txId: string;
  events: { id: string; type: string }[];
}

export class EventLog {
  readonly txs: LoggedTx[] = [];
  readonly requests: { start?: number; afterTxId: string }[] = [];
  private readonly waiters = new Set<() => void>();
  /** Number of responses after which the next stream is cut with UNAVAILABLE (once). */
  cutAfter: number | undefined;

  add(block: number, txId: string, count: number): void {
    this.txs.push({
      block,
      txId,
      events: Array.from({ length: count }, (_, i) => ({ id: `${txId}:${i}`, type: 'lot.registered' })),
    });
    for (const w of this.waiters) w();
  }

  script(): NonNullable<GatewayScript['chaincodeEvents']> {
    return (req, call) => {
      const r = gateway.ChaincodeEventsRequest.deserializeBinary(req.getRequest_asU8());
      const after = r.getAfterTransactionId();
      const spec = r.getStartPosition()?.getSpecified();
      const found = this.txs.find((t) => t.txId === after);
      let block = found ? found.block : (spec?.getNumber() ?? this.height());
      this.requests.push({ ...(spec ? { start: spec.getNumber() } : {}), afterTxId: after });
      let skipping = Boolean(after && found);
      let sent = 0;
      let closed = false;
      call.on('cancelled', () => (closed = true));
      const pump = (): void => {
        while (!closed && block < this.height()) {
          const txs = this.txs.filter((t) => t.block === block);
          const res = new gateway.ChaincodeEventsResponse();
          res.setBlockNumber(block);
          for (const t of txs) {
            if (skipping) {
              if (t.txId === after) skipping = false;
              continue;
            }
            const ev = new peer.ChaincodeEvent();
            ev.setChaincodeId('provenance');
            ev.setTxId(t.txId);
            ev.setEventName('alliance.events');
            ev.setPayload(
              Buffer.from(
                JSON.stringify({
                  events: t.events.map((e) => ({ ...e, subject: { kind: 'lot', id: 'L' }, data: {} })),
                  txId: t.txId,
                }),
              ),
            );
            res.addEvents(ev);
          }
          block++;
          if (res.getEventsList().length === 0) continue;
          if (this.cutAfter !== undefined && sent >= this.cutAfter) {
            this.cutAfter = undefined;
            closed = true;
            call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'peer restarting' });
            return;
          }
          call.write(res);
          sent++;
        }
      };
      const waiter = (): void => {
        pump();
      };
      this.waiters.add(waiter);
      call.on('cancelled', () => this.waiters.delete(waiter));
      pump();
    };
  }

  private height(): number {
    return this.txs.reduce((h, t) => Math.max(h, t.block + 1), 0);
  }
}

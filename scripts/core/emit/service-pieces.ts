/**
 * What the user services' steps keep of each `Service` in the emit's memo
 * (see memo.ts and fragments.ts): its list entries, its row of the page and
 * its instance files, compact and indented.
 */
import type { Service } from '../model/service.js';
import type { JoinedSlot } from './fragments.js';
import type { Piece, PieceRecord, PieceTable } from './memo.js';

/** What is kept of one service: each piece once rendered (undefined until then). */
export interface ServicePieces extends PieceRecord<Service> {
  entry: Piece | undefined;
  entryPretty: Piece | undefined;
  row: Piece | undefined;
  instance: Uint8Array | undefined;
  instancePretty: Uint8Array | undefined;
}

/** The user services' table of pieces; every record has every field, so that all records share one shape. */
export const SERVICE_PIECES: PieceTable<Service, ServicePieces> = {
  name: 'user_services',
  newRecord: (object) => ({
    object,
    entry: undefined,
    entryPretty: undefined,
    row: undefined,
    instance: undefined,
    instancePretty: undefined,
  }),
};

/** The slot of a list entry, compact or indented: a piece of the list and of the filtered lists. */
export const entrySlot = (pretty: boolean): JoinedSlot<Service, 'entry' | 'entryPretty'> => ({
  table: SERVICE_PIECES,
  slot: pretty ? 'entryPretty' : 'entry',
});
/** The slot of a service's row of the catalog page. */
export const ROW_SLOT: JoinedSlot<Service, 'row'> = { table: SERVICE_PIECES, slot: 'row' };

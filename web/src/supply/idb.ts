/**
 * A small promise face on the browser's IndexedDB, for the desk's one database: pickups
 * waiting to be sent, refused ones that need attention, and the households and desk
 * set-up seen recently (so the desk works without a connection).
 */
export type StoreName = 'queue' | 'attention' | 'households' | 'desks';

const NAME = 'cordon-supply';
const VERSION = 1;
const KEYS: Record<StoreName, string> = { queue: 'id', attention: 'id', households: 'card', desks: 'committeeId' };

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('this browser keeps no IndexedDB'));
    const req = indexedDB.open(NAME, VERSION);
    req.onupgradeneeded = () => {
      for (const [store, keyPath] of Object.entries(KEYS))
        if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store, { keyPath });
    };
    req.onsuccess = () => {
      // another tab opening a newer version asks us to let go
      req.result.onversionchange = () => {
        req.result.close();
        opening = null;
      };
      resolve(req.result);
    };
    req.onerror = () => reject(req.error ?? new Error('IndexedDB would not open'));
    req.onblocked = () => reject(new Error('IndexedDB is held by another tab'));
  });
  opening.catch(() => (opening = null));
  return opening;
}

/** Runs `work` in one transaction over `stores`; resolves with its result once the transaction has committed. */
async function transact<T>(stores: StoreName[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => IDBRequest<T> | void): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    const req = work(tx);
    tx.oncomplete = () => resolve(req ? req.result : (undefined as T));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export const getAll = <T>(store: StoreName) => transact<T[]>([store], 'readonly', (tx) => tx.objectStore(store).getAll() as IDBRequest<T[]>);
export const get = <T>(store: StoreName, key: string) => transact<T | undefined>([store], 'readonly', (tx) => tx.objectStore(store).get(key) as IDBRequest<T | undefined>);
export const put = (store: StoreName, value: object) => transact<unknown>([store], 'readwrite', (tx) => void tx.objectStore(store).put(value));
export const remove = (store: StoreName, key: string) => transact<unknown>([store], 'readwrite', (tx) => void tx.objectStore(store).delete(key));

/** Deletes `key` from `from` and puts `value` in `to`, both or neither. */
export const move = (from: StoreName, key: string, to: StoreName, value: object) =>
  transact<unknown>([from, to], 'readwrite', (tx) => {
    tx.objectStore(from).delete(key);
    tx.objectStore(to).put(value);
  });

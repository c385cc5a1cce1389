/**
 * Compressed sparse row (CSR) matrices on typed arrays: row i's entries are
 * `values[rowPtr[i] … rowPtr[i+1]-1]` in the columns `colIdx[…]`, sorted by column,
 * no explicit zeros. Ten million products with ten inputs each take 12 bytes an entry
 * (1.2 GB), so everything here works on flat arrays and never on one object per entry.
 */
export interface Csr {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

/** Thrown when a matrix cannot be built as asked (an index outside it, too many entries). */
export class MatrixError extends Error {}

// Int32 row pointers: 2^31 − 1 entries is 25 GB of values, far past what one process holds.
const MAX_ENTRIES = 2 ** 31 - 1;

/** Builds a CSR matrix from (row, col, value) triplets: duplicates add up, zeros are
 *  dropped, columns come out sorted within each row (a counting sort, O(nnz + rows)). */
export function csrFromTriplets(rows: number, cols: number, ri: ArrayLike<number>, ci: ArrayLike<number>, v: ArrayLike<number>): Csr {
  const k = v.length;
  if (k > MAX_ENTRIES) throw new MatrixError(`${k} entries: more than a CSR matrix with 32-bit row pointers holds`);
  const count = new Int32Array(rows + 1);
  for (let e = 0; e < k; e++) {
    const r = ri[e]!;
    const c = ci[e]!;
    if (!(r >= 0 && r < rows && c >= 0 && c < cols)) throw new MatrixError(`entry (${r}, ${c}) is outside a ${rows}×${cols} matrix`);
    count[r + 1]!++;
  }
  for (let r = 0; r < rows; r++) count[r + 1]! += count[r]!;
  // Bucket by row, then sort each row by column and merge duplicates in place.
  const next = count.slice(0, rows);
  const col = new Int32Array(k);
  const val = new Float64Array(k);
  for (let e = 0; e < k; e++) {
    const p = next[ri[e]!]!++;
    col[p] = ci[e]!;
    val[p] = v[e]!;
  }
  const rowPtr = new Int32Array(rows + 1);
  let w = 0;
  for (let r = 0; r < rows; r++) {
    const start = count[r]!;
    const end = count[r + 1]!;
    sortRun(col, val, start, end);
    for (let p = start; p < end; p++) {
      if (w > rowPtr[r]! && col[w - 1] === col[p]) val[w - 1]! += val[p]!;
      else {
        col[w] = col[p]!;
        val[w] = val[p]!;
        w++;
      }
    }
    // Drop entries that are (or summed to) zero.
    let z = rowPtr[r]!;
    for (let p = rowPtr[r]!; p < w; p++)
      if (val[p] !== 0) {
        col[z] = col[p]!;
        val[z] = val[p]!;
        z++;
      }
    w = z;
    rowPtr[r + 1] = w;
  }
  return { rows, cols, rowPtr, colIdx: col.slice(0, w), values: val.slice(0, w) };
}

/** Insertion sort of one row's (column, value) pairs: rows hold a handful of entries. */
function sortRun(col: Int32Array, val: Float64Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const c = col[i]!;
    const x = val[i]!;
    let j = i - 1;
    while (j >= start && col[j]! > c) {
      col[j + 1] = col[j]!;
      val[j + 1] = val[j]!;
      j--;
    }
    col[j + 1] = c;
    val[j + 1] = x;
  }
}

/** CSR from a dense array of rows (zeros dropped). */
export function csrFromDense(a: readonly (readonly number[])[] | readonly Float64Array[]): Csr {
  const rows = a.length;
  const cols = rows === 0 ? 0 : a[0]!.length;
  const rowPtr = new Int32Array(rows + 1);
  const col: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < rows; i++) {
    const row = a[i]!;
    if (row.length !== cols) throw new MatrixError(`row ${i} has ${row.length} entries, not ${cols}`);
    for (let j = 0; j < cols; j++)
      if (row[j] !== 0) {
        col.push(j);
        val.push(row[j]!);
      }
    rowPtr[i + 1] = col.length;
  }
  return { rows, cols, rowPtr, colIdx: Int32Array.from(col), values: Float64Array.from(val) };
}

/** The matrix as dense rows (for tests and small tables). */
export function toDense(m: Csr): number[][] {
  const out = Array.from({ length: m.rows }, () => new Array<number>(m.cols).fill(0));
  for (let i = 0; i < m.rows; i++) for (let p = m.rowPtr[i]!; p < m.rowPtr[i + 1]!; p++) out[i]![m.colIdx[p]!] = m.values[p]!;
  return out;
}

/** y = M·x. */
export function multiply(m: Csr, x: Float64Array, y = new Float64Array(m.rows)): Float64Array {
  const { rowPtr, colIdx, values } = m;
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) s += values[p]! * x[colIdx[p]!]!;
    y[i] = s;
  }
  return y;
}

/** y = Mᵀ·x without building the transpose. */
export function multiplyTranspose(m: Csr, x: Float64Array, y = new Float64Array(m.cols)): Float64Array {
  const { rowPtr, colIdx, values } = m;
  y.fill(0);
  for (let i = 0; i < m.rows; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) y[colIdx[p]!]! += values[p]! * xi;
  }
  return y;
}

export function rowSums(m: Csr): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let p = m.rowPtr[i]!; p < m.rowPtr[i + 1]!; p++) s += m.values[p]!;
    out[i] = s;
  }
  return out;
}

export function columnSums(m: Csr): Float64Array {
  const out = new Float64Array(m.cols);
  for (let p = 0; p < m.values.length; p++) out[m.colIdx[p]!]! += m.values[p]!;
  return out;
}

/** Mᵀ in CSR (a counting sort by column; columns stay sorted within each new row). */
export function transpose(m: Csr): Csr {
  const nnz = m.values.length;
  const rowPtr = new Int32Array(m.cols + 1);
  for (let p = 0; p < nnz; p++) rowPtr[m.colIdx[p]! + 1]!++;
  for (let c = 0; c < m.cols; c++) rowPtr[c + 1]! += rowPtr[c]!;
  const next = rowPtr.slice(0, m.cols);
  const colIdx = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let i = 0; i < m.rows; i++)
    for (let p = m.rowPtr[i]!; p < m.rowPtr[i + 1]!; p++) {
      const q = next[m.colIdx[p]!]!++;
      colIdx[q] = i;
      values[q] = m.values[p]!;
    }
  return { rows: m.cols, cols: m.rows, rowPtr, colIdx, values };
}

/** M·diag(s): column j multiplied by s[j] (entries that become 0 are kept; callers
 *  building coefficients from validated tables never produce them). */
export function scaleColumns(m: Csr, s: Float64Array): Csr {
  const values = new Float64Array(m.values.length);
  for (let p = 0; p < values.length; p++) values[p] = m.values[p]! * s[m.colIdx[p]!]!;
  return { rows: m.rows, cols: m.cols, rowPtr: m.rowPtr, colIdx: m.colIdx, values };
}

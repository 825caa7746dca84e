// Writes the Arrow JS fixtures in testdata/interop/ (run: node bench/interop/make-fixtures.mjs).
// valuekit's InteropTest reads them and checks the values listed here.
import { writeFileSync } from 'node:fs';
import {
  makeVector, tableFromIPC, tableToIPC, Table, vectorFromArray,
  Float32, Float64, Int32, Int64, Bool, Utf8, FixedSizeList, Field,
} from 'apache-arrow';

const out = process.argv[2] ?? 'testdata/interop';
const obs = vectorFromArray(
  [[0.5, -1.25, 2.0], [1.0, 0.25, -3.5], [0.125, 4.0, 8.5]],
  new FixedSizeList(3, new Field('item', new Float32(), false)));
const table = new Table({
  episode: vectorFromArray([0n, 0n, 1n], new Int64()),
  step: vectorFromArray([0, 1, 0], new Int32()),
  obs,
  act_0: vectorFromArray([0.1, -0.2, 0.3], new Float32()),
  reward: vectorFromArray([-1.5, 2.25, 1e-7], new Float64()),
  terminated: vectorFromArray([false, true, false], new Bool()),
  tag: vectorFromArray(['a', 'b,c', 'é'], new Utf8()),
});
writeFileSync(`${out}/js-file.arrow`, tableToIPC(table, 'file'));
writeFileSync(`${out}/js-stream.arrows`, tableToIPC(table, 'stream'));
// Sanity: Arrow JS reads its own output.
if (tableFromIPC(tableToIPC(table, 'stream')).numRows !== 3) throw new Error('self-check failed');

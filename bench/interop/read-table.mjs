// Prints an Arrow IPC file or stream as JSON {schema: [[name, type]], rows: n, columns: {name: [values]}}
// using Arrow JS only; valuekit's InteropTest compares it with what valuekit wrote.
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';

const table = tableFromIPC(readFileSync(process.argv[2]));
const columns = {};
for (const f of table.schema.fields) {
  const v = table.getChild(f.name);
  columns[f.name] = Array.from({ length: v.length }, (_, i) => {
    const x = v.get(i);
    return typeof x === 'bigint' ? x.toString() : x;
  });
}
console.log(JSON.stringify({
  schema: table.schema.fields.map((f) => [f.name, String(f.type)]),
  rows: table.numRows,
  columns,
}));

/** The reference for HTTP write figures: a bare fastify route doing one INSERT through
 *  postgres.js (prepared), on the same database. Prints "READY <port>" when listening. */
import Fastify from 'fastify';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
await sql`create table if not exists bench_ref (id bigint generated always as identity primary key, n int not null, at timestamptz not null default now())`;
const app = Fastify();
app.post('/ref', { schema: { body: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'], additionalProperties: false } } }, async (req, reply) => {
  const [row] = await sql`insert into bench_ref (n) values (${(req.body as { n: number }).n}) returning id`;
  return reply.code(201).send({ id: String(row!.id) });
});
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`READY ${(app.server.address() as { port: number }).port}`);
process.on('SIGTERM', async () => {
  await app.close();
  await sql.end();
  process.exit(0);
});

import pg from 'pg';

/** A pool plus a transaction helper; every query is parameterized. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface Database {
  readonly pool: pg.Pool;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// int8 (sequence numbers, counts) as JS numbers: they stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function openDatabase(connectionString: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString, max });
  let closing = false;
  // An idle client losing its connection must not crash the process. While
  // closing, pool.end() resolves before its clients finish disconnecting, so
  // a database stopping right after may still reach them: nothing to report.
  pool.on('error', (error) => {
    if (!closing) console.error('[db] idle client error:', error.message);
  });
  return {
    pool,
    query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) {
      return pool.query<R>(text, values);
    },
    async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      closing = true;
      await pool.end();
    },
  };
}

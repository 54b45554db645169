import { migrationsList, ormOptions } from './src/db/orm.js';

/** Configuration for the MikroORM CLI (`npm run mikro-orm -- migration:create`); needs DATABASE_URL. */
export default ormOptions(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test', {
  migrationsList: await migrationsList(),
});

import { defineModule } from '../module.js';
import { SpreadsheetResolver } from './spreadsheet.resolver.js';

/** Spreadsheet import and export. */
export const spreadsheetModule = defineModule({
  name: 'spreadsheet',
  resolvers: [SpreadsheetResolver],
});

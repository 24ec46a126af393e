/**
 * A live =PLANBOOK.VALUE(…) written into the selected cell, for Excel versions that run the
 * add-in's worksheet functions: the cell then refreshes itself and says where its figure is from.
 * The arguments are document text, so each is a quoted string literal ("" inside doubled):
 * nothing of it can become formula syntax.
 */

export function quoteArgument(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

export function valueFormula(region: string, plan: string, indicator: string, field?: string): string {
  const args = [region, plan, indicator, ...(field ? [field] : [])].map(quoteArgument);
  return `=PLANBOOK.VALUE(${args.join(",")})`;
}

export type FormulaResult = { status: "written"; sheetName: string; address: string } | { status: "occupied"; sheetName: string; address: string };

/** Writes `formula` into the selected cell unless it holds something (then nothing is written). */
export async function writeFormulaAtSelection(context: Excel.RequestContext, formula: string, overwrite = false): Promise<FormulaResult> {
  const cell = context.workbook.getSelectedRange().getCell(0, 0);
  cell.load("address,values");
  const sheet = cell.worksheet;
  sheet.load("name");
  await context.sync();
  const address = cell.address.slice(cell.address.lastIndexOf("!") + 1);
  const current = cell.values[0][0];
  if (!overwrite && current !== "" && current !== null && current !== undefined) return { status: "occupied", sheetName: sheet.name, address };
  cell.formulas = [[formula]];
  await context.sync();
  return { status: "written", sheetName: sheet.name, address };
}

export { cardSheetPdf, CARD_LABELS, CARDS_PER_PAGE, A4, type CardToPrint, type CardLabels, type CardSheetOptions } from './card-sheet.js';
export { distributionListPdf, rowsPerPage, type DistributionInput, type DistributionRow } from './distribution-list.js';
export { pageTexts } from './page-text.js';
export { qrMatrix, type QrMatrix } from './qr.js';
export { toWinAnsi, type Lang } from './text.js';

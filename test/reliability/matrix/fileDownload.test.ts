/** Fault matrix, Files download row: Download (streamed into n8n's binary store) under every fault. The specified outcomes: outcomes.ts. */
import { fileDownload } from './drivers';
import { runMatrix } from './runMatrix';

runMatrix('fileDownload', fileDownload);

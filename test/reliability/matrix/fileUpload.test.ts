/** Fault matrix, Files upload row: Upload (streamed multipart) under every fault. The specified outcomes: outcomes.ts. */
import { fileUpload } from './drivers';
import { runMatrix } from './runMatrix';

runMatrix('fileUpload', fileUpload);

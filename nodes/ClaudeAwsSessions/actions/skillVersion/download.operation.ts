/** Download a skill version's folder as a zip, streamed into n8n's binary data store. */
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { skills } from '../../../api/skills';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/errors';
import type { RunContext } from '../../../shared/router';
import { ExecutionItems } from '../../../shared/runPerItem';
import { ClaudeStreamError } from '../../../transport/errors';
import { SKILL, SKILL_VERSION, locator } from '../../helpers/ids';
import { readIds, showFor } from '../../helpers/resourceOperations';

const displayOptions = showFor('skillVersion', 'download');

export const description: INodeProperties[] = [
	locator(SKILL, displayOptions),
	locator(SKILL_VERSION, displayOptions, 'The version to download'),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the zip in',
		displayOptions,
	},
	tuningOnlyOptions(displayOptions),
];

export async function perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ExecutionItems> {
	const [skillId, version] = readIds(this, [SKILL, SKILL_VERSION], i);
	const field = String(this.getNodeParameter('binaryPropertyName', i, 'data') ?? '').trim();
	if (!field) throw parameterError(this.getNode(), 'Put Output File in Field', 'no binary field name was given', i, 'Enter the name of the binary field to put the zip in, usually "data".');
	const metadata = await skills.versions.retrieve(client, skillId, version);
	const response = await skills.versions.download(client, skillId, version, this.getExecutionCancelSignal());
	const path = `/v1/skills/${skillId}/versions/${version}/content`;
	let received = 0;
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			received += chunk.length;
			done(null, chunk);
		},
	});
	const piped = pipeline(response.body, counter);
	let binary;
	try {
		[binary] = await Promise.all([this.helpers.prepareBinaryData(counter, `${metadata.name || skillId}.zip`, 'application/zip'), piped]);
	} catch (error) {
		response.body.destroy();
		counter.destroy();
		throw new ClaudeStreamError(`The download of skill ${skillId} version ${version} broke off after ${received} bytes: ${(error as Error).message}.`, path, response.requestId);
	}
	const expected = Number(response.headers['content-length']);
	if (Number.isFinite(expected) && received !== expected) {
		throw new ClaudeStreamError(`The download of skill ${skillId} version ${version} ended after ${received} of ${expected} bytes.`, path, response.requestId);
	}
	return new ExecutionItems([{ json: metadata as unknown as IDataObject, binary: { [field]: binary } }]);
}

/** Download a skill version's folder as a zip, streamed into n8n's binary data store. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { downloadToBinary } from '../../../shared/binaryDownload';
import { skills } from '../../../api/skills';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/errors';
import type { RunContext } from '../../../shared/router';
import { ExecutionItems } from '../../../shared/runPerItem';
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
	const binary = await downloadToBinary(this, response, {
		what: `skill ${skillId} version ${version}`,
		path: `/v1/skills/${skillId}/versions/${version}/content`,
		fileName: `${metadata.name || skillId}.zip`,
		mimeType: 'application/zip',
	});
	return new ExecutionItems([{ json: metadata as unknown as IDataObject, binary: { [field]: binary } }]);
}

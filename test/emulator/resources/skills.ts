/**
 * Skills and their versions (no beta header in SDK 1.15). An upload is multipart `files[]`: one zip of
 * the skill folder, or the folder's files with their paths as file names. The folder must be one
 * top-level directory with SKILL.md (front matter `name`, `description`) at its root; a new version must
 * keep the skill's name. Download serves the version's folder as a zip. Deleted objects 404.
 */
import type { Emulator, RouteContext, Router } from '../types';
import { EmulatorHttpError } from '../types';
import { tokenPage } from '../pagination';
import { boundaryFromContentType, MultipartError, parseMultipart } from '../multipart';
import { readZip, writeZip, ZipError, type ZipEntry } from '../zip';
import { badRequest, newId, notFound, nowIso } from './managedAgentsShared';

const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;
export const SEED_ANTHROPIC_SKILL_ID = 'pdf';

type Json = Record<string, any>;

export class SkillStore {
	readonly skills = new Map<string, Json>();
	readonly versions = new Map<string, Array<{ version: Json; files: ZipEntry[] }>>();
	private lastVersion = 0;

	skill(id: string): Json {
		const skill = this.skills.get(id);
		if (!skill) throw notFound('skill', id);
		return skill;
	}

	version(skillId: string, version: string): { version: Json; files: ZipEntry[] } {
		this.skill(skillId);
		const found = (this.versions.get(skillId) ?? []).find((v) => v.version.id === version || (version === 'latest' && v.version.id === this.skills.get(skillId)!.latest_version_id));
		if (!found) throw notFound('skill version', version);
		return found;
	}

	/** Versions are microsecond timestamps, always increasing. */
	nextVersionId(): string {
		this.lastVersion = Math.max(this.lastVersion + 1, Date.now() * 1000);
		return String(this.lastVersion);
	}
}

async function readUpload(ctx: RouteContext): Promise<{ files: ZipEntry[]; fields: Record<string, string> }> {
	const boundary = boundaryFromContentType(ctx.headers['content-type']);
	if (!boundary) {
		ctx.req.resume();
		throw badRequest('Content-Type must be multipart/form-data with a boundary.');
	}
	const parts: Array<{ name: string; contentType?: string; chunks: Buffer[] }> = [];
	let total = 0;
	let result;
	try {
		result = await parseMultipart(ctx.req, {
			boundary,
			onPart(part) {
				if (part.filename === undefined) return undefined;
				if (part.name !== 'files[]' && part.name !== 'files') throw new MultipartError(`Unexpected file part "${part.name}": files go in "files[]".`);
				const entry = { name: part.filename, contentType: part.contentType, chunks: [] as Buffer[] };
				parts.push(entry);
				return {
					write(chunk) {
						total += chunk.length;
						if (total > MAX_UPLOAD_BYTES) throw new EmulatorHttpError(413, 'request_too_large', 'A skill upload is at most 30 MB.');
						entry.chunks.push(Buffer.from(chunk));
					},
					end() {},
				};
			},
		});
	} catch (error) {
		ctx.req.resume();
		if (error instanceof MultipartError) throw badRequest(error.message);
		throw error;
	}
	if (!parts.length) throw badRequest('files: Field required (at least one file).');
	const single = parts.length === 1 ? parts[0] : undefined;
	if (single && (/\.zip$/i.test(single.name) || /zip/i.test(single.contentType ?? ''))) {
		try {
			return { files: readZip(Buffer.concat(single.chunks)), fields: result.fields };
		} catch (error) {
			if (error instanceof ZipError) throw badRequest(`files: ${single.name} is not a readable zip archive (${error.message}).`);
			throw error;
		}
	}
	return { files: parts.map((p) => ({ path: p.name, data: Buffer.concat(p.chunks) })), fields: result.fields };
}

/** The folder's name and SKILL.md front matter, or a 400 saying what is wrong. */
function inspect(files: ZipEntry[]): { folder: string; name: string; description: string } {
	const tops = new Set(files.map((f) => (f.path.includes('/') ? f.path.split('/')[0] : '')));
	if (tops.has('') || tops.size !== 1) throw badRequest('files: all files must be in the same top-level directory.');
	const [folder] = tops;
	if (files.some((f) => f.path.split('/').some((s) => s === '..' || s === '.'))) throw badRequest("files: paths may not contain '.' or '..'.");
	const skillMd = files.find((f) => f.path === `${folder}/SKILL.md`);
	if (!skillMd) throw badRequest(`files: SKILL.md is required at the root of '${folder}/'.`);
	const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(skillMd.data.toString('utf8'));
	const field = (key: string) => front && new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(front[1])?.[1].trim().replace(/^["']|["']$/g, '');
	const name = field('name') || folder;
	const description = field('description');
	if (!description) throw badRequest('SKILL.md: the front matter needs a description.');
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name) || name.length > 64) throw badRequest(`SKILL.md: name '${name}' must be kebab-case, at most 64 characters.`);
	return { folder, name, description };
}

function addVersion(store: SkillStore, skill: Json, files: ZipEntry[]): Json {
	const { folder, name, description } = inspect(files);
	const versions = store.versions.get(skill.id) ?? [];
	const existing = versions[0]?.version.name ?? skill.__name;
	if (existing && existing !== name) throw badRequest(`SKILL.md: name '${name}' does not match the skill's name '${existing}'.`);
	const version = { type: 'skill_version', id: store.nextVersionId(), skill_id: skill.id, name, description, created_at: nowIso() };
	// Downloads carry the skill's name as their top-level folder, whatever the upload's folder was called.
	const stored = files.map((f) => ({ path: `${name}/${f.path.slice(folder.length + 1)}`, data: f.data }));
	versions.push({ version, files: stored });
	store.versions.set(skill.id, versions);
	skill.latest_version_id = version.id;
	skill.updated_at = version.created_at;
	return version;
}

const served = (skill: Json) => {
	const { __name: _name, ...rest } = skill;
	return rest;
};

export function register(router: Router, emulator: Emulator): void {
	const store = new SkillStore();
	emulator.state.skills = store;
	const now = nowIso();
	store.skills.set(SEED_ANTHROPIC_SKILL_ID, { type: 'skill', id: SEED_ANTHROPIC_SKILL_ID, display_name: 'PDF', latest_version_id: '20251013', source: { type: 'anthropic' }, created_at: now, updated_at: now });
	const upload = { streamBody: true };

	router.add('POST', '/v1/skills', async (ctx) => {
		const { files, fields } = await readUpload(ctx);
		const { name } = inspect(files);
		const title = fields.display_name?.trim();
		if (title !== undefined && (title === '' || title.length > 255)) throw badRequest('display_name: must be 1 to 255 characters.');
		const time = nowIso();
		const skill: Json = { type: 'skill', id: newId('skill'), display_name: title || name, latest_version_id: '', source: { type: 'custom' }, created_at: time, updated_at: time, __name: name };
		addVersion(store, skill, files);
		store.skills.set(skill.id, skill);
		ctx.send(200, served(skill));
	}, upload);
	router.add('GET', '/v1/skills', (ctx) => {
		const source = ctx.query.get('source');
		const all = [...store.skills.values()].filter((s) => !source || s.source.type === source).reverse().map(served);
		ctx.send(200, tokenPage(all, ctx.query));
	});
	router.add('GET', '/v1/skills/:skill_id', (ctx) => ctx.send(200, served(store.skill(ctx.params.skill_id))));
	router.add('DELETE', '/v1/skills/:skill_id', (ctx) => {
		const skill = store.skill(ctx.params.skill_id);
		if (skill.source.type !== 'custom') throw new EmulatorHttpError(403, 'permission_error', `skill '${skill.id}' is published by Anthropic and cannot be deleted.`);
		const left = store.versions.get(skill.id)?.length ?? 0;
		if (left > 0) throw badRequest(`skill '${skill.id}' still has ${left} version(s): delete them first.`);
		store.skills.delete(skill.id);
		store.versions.delete(skill.id);
		ctx.send(200, { id: skill.id, type: 'skill_deleted' });
	});

	router.add('POST', '/v1/skills/:skill_id/versions', async (ctx) => {
		const skill = store.skill(ctx.params.skill_id);
		if (skill.source.type !== 'custom') {
			ctx.req.resume();
			throw new EmulatorHttpError(403, 'permission_error', `skill '${skill.id}' is published by Anthropic and read-only.`);
		}
		const { files } = await readUpload(ctx);
		ctx.send(200, addVersion(store, skill, files));
	}, upload);
	router.add('GET', '/v1/skills/:skill_id/versions', (ctx) => {
		store.skill(ctx.params.skill_id);
		ctx.send(200, tokenPage((store.versions.get(ctx.params.skill_id) ?? []).map((v) => v.version).reverse(), ctx.query));
	});
	router.add('GET', '/v1/skills/:skill_id/versions/:version', (ctx) => ctx.send(200, store.version(ctx.params.skill_id, ctx.params.version).version));
	router.add('DELETE', '/v1/skills/:skill_id/versions/:version', (ctx) => {
		const skill = store.skill(ctx.params.skill_id);
		const { version } = store.version(skill.id, ctx.params.version);
		const left = (store.versions.get(skill.id) ?? []).filter((v) => v.version.id !== version.id);
		store.versions.set(skill.id, left);
		if (left.length) skill.latest_version_id = left[left.length - 1].version.id;
		ctx.send(200, { id: version.id, type: 'skill_version_deleted' });
	});
	router.add('GET', '/v1/skills/:skill_id/versions/:version/content', async (ctx) => {
		const { files } = store.version(ctx.params.skill_id, ctx.params.version);
		const zip = writeZip(files);
		const out = ctx.stream(200, { 'content-type': 'application/zip', 'content-length': String(zip.length) });
		for (let at = 0; at < zip.length; at += 16 * 1024) out.write(zip.subarray(at, at + 16 * 1024));
		out.end();
	});
}

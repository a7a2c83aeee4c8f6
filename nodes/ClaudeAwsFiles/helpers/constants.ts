/**
 * The Files API's per-file limit (500 MB, counted as the gateway does: MiB). An object, not a constant,
 * only so the memory benchmark can stream a 1 GiB file past it against the emulator.
 */
export const uploadLimits = { maxBytes: 500 * 1024 * 1024 };
/** expires_in_seconds bounds of the API: one hour to ninety days. */
export const MIN_EXPIRY_HOURS = 1;
export const MAX_EXPIRY_HOURS = 90 * 24;

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	const units = ['KiB', 'MiB', 'GiB', 'TiB'];
	let value = bytes;
	let unit = -1;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]} (${bytes} bytes)`;
}

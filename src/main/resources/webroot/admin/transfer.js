/*
 * The moderation page's import and backup section (docs/import-export.md): a file goes to
 * POST /api/v1/admin/import as it is; the report the server answers is shown as text.
 */
import { $, api, complain, tell, upload } from './api.js';

export function createTransfer(changed) {
  $('#import-form').addEventListener('submit', async e => {
    e.preventDefault();
    const file = $('#import-file').files[0];
    if (!file) { complain('Choose a file to import.'); $('#import-file').focus(); return; }
    const format = $('#import-format').value;
    const dryRun = $('#import-dry').checked;
    tell(`${dryRun ? 'Checking' : 'Importing'} ${file.name}…`);
    try {
      const report = await upload(`/admin/import?format=${encodeURIComponent(format)}&dryRun=${dryRun}`, file);
      $('#import-report').textContent = describe(report);
      $('#import-report').hidden = false;
      tell(`${dryRun ? 'Dry run: would import' : 'Imported'} ${report.comments} comments into ${report.threads} threads.`);
      if (!dryRun) changed();
    } catch (err) {
      complain(err);
    }
  });

  $('#backup-form').addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const backup = await api('POST', '/admin/backup', {});
      tell(`Backed up to ${backup.directory}${backup.secretCopied ? ', with the secret.'
        : '. The secret is PARLEY_SECRET: keep it with the backup.'}`);
      changed();
    } catch (err) {
      complain(err);
    }
  });
}

function describe(r) {
  const lines = [`${r.dryRun ? 'Would import' : 'Imported'} ${r.comments} comments into ${r.threads} threads`
    + ` (${r.format}, site ${r.site}).`, `Already imported before: ${r.alreadyImported}.`];
  for (const [reason, count] of Object.entries(r.skipped)) lines.push(`Skipped, ${reason}: ${count}.`);
  lines.push(`Names replaced: ${r.renamed}.`, `Replies attached higher up: ${r.reparented}.`);
  for (const warning of r.warnings) lines.push(`Warning: ${warning}`);
  return lines.join('\n');
}

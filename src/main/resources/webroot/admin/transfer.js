/*
 * The moderation page's import and backup section (docs/import-export.md): a file goes to
 * POST /api/v1/admin/import as it is; the report the server answers is shown as text, in the
 * moderator's language.
 */
import { $, api, complain, tell, upload } from './api.js';
import { t } from './i18n.js';

export function createTransfer(changed) {
  $('#import-form').addEventListener('submit', async e => {
    e.preventDefault();
    const file = $('#import-file').files[0];
    if (!file) { complain(t('chooseFile')); $('#import-file').focus(); return; }
    const format = $('#import-format').value;
    const dryRun = $('#import-dry').checked;
    tell(t(dryRun ? 'checking' : 'importing', { name: file.name }));
    try {
      const report = await upload(`/admin/import?format=${encodeURIComponent(format)}&dryRun=${dryRun}`, file);
      $('#import-report').textContent = describe(report);
      $('#import-report').hidden = false;
      tell(summary(report));
      if (!dryRun) changed();
    } catch (err) {
      complain(err);
    }
  });

  $('#backup-form').addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const backup = await api('POST', '/admin/backup', {});
      tell(t(backup.secretCopied ? 'backedUpSecret' : 'backedUp', { directory: backup.directory }));
      changed();
    } catch (err) {
      complain(err);
    }
  });
}

/** "Imported 3 comments into 2 threads." or "Dry run: would import …". */
function summary(r) {
  return t(r.dryRun ? 'wouldImport' : 'imported', { n: r.comments, threads: t('threadCount', { n: r.threads }) });
}

function describe(r) {
  const lines = [summary(r), t('site', { site: r.site, format: r.format }),
    t('alreadyImported', { n: r.alreadyImported })];
  for (const [reason, count] of Object.entries(r.skipped)) lines.push(t('skipped', { reason, n: count }));
  lines.push(t('renamed', { n: r.renamed }), t('reparented', { n: r.reparented }));
  for (const warning of r.warnings) lines.push(t('warning', { warning }));
  return lines.join('\n');
}

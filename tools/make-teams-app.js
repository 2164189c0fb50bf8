'use strict';
/**
 * Builds teams/TeamsSPFxApp.zip, the developer-provided Microsoft Teams app package, from
 * teams/manifest.json and the files it names (icons, translations). When a .sppkg holds this file, "Sync to Teams" in the
 * SharePoint app catalog deploys it instead of generating one app per web part. `gulp
 * package-solution` runs this first, so the package always matches the manifest; the output is
 * deterministic, so an unchanged manifest leaves the committed zip unchanged.
 */
const fs = require('fs');
const path = require('path');
const { writeZip } = require('./zip');

const TEAMS_APP_ZIP = 'TeamsSPFxApp.zip';

/** The component ids a Teams manifest points at (componentId=<guid> in tab URLs). */
function componentIdsInTeamsManifest(manifest) {
  const urls = [
    ...(manifest.staticTabs || []).map((tab) => tab.contentUrl || ''),
    ...(manifest.configurableTabs || []).map((tab) => tab.configurationUrl || '')
  ];
  const ids = new Set();
  for (const url of urls) {
    const match = /componentId=([0-9a-f-]{36})/i.exec(url);
    if (match) {
      ids.add(match[1].toLowerCase());
    }
  }
  return [...ids];
}

/** The files a Teams manifest refers to: its two icons and its translations. */
function filesOfTeamsManifest(manifest) {
  const localization = manifest.localizationInfo || {};
  return [
    manifest.icons.color,
    manifest.icons.outline,
    ...(localization.additionalLanguages || []).map((language) => language.file)
  ];
}

function writeTeamsAppPackage(root) {
  const teamsDir = path.join(root, 'teams');
  const manifestPath = path.join(teamsDir, 'manifest.json');
  const manifestText = fs.readFileSync(manifestPath);
  const manifest = JSON.parse(manifestText.toString('utf8'));
  const files = [{ name: 'manifest.json', data: manifestText }];
  for (const referenced of filesOfTeamsManifest(manifest)) {
    const referencedPath = path.join(teamsDir, referenced);
    if (!fs.existsSync(referencedPath)) {
      throw new Error(`teams/manifest.json names ${referenced}, which is not in teams/ (icons: run node tools/make-icons.js)`);
    }
    files.push({ name: referenced, data: fs.readFileSync(referencedPath) });
  }
  const zipPath = path.join(teamsDir, TEAMS_APP_ZIP);
  fs.writeFileSync(zipPath, writeZip(files));
  return { zipPath, files: files.map((file) => file.name) };
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const written = writeTeamsAppPackage(root);
  console.log(`wrote ${path.relative(root, written.zipPath)}: ${written.files.join(', ')}`);
}

module.exports = { writeTeamsAppPackage, componentIdsInTeamsManifest, filesOfTeamsManifest, TEAMS_APP_ZIP };

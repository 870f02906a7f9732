/** @patchbay/repo-checks — the file-reading checks of the repository's conventions. Barrel of named exports only. */

// The repository
export { findRepositoryRoot, WORKSPACE_FILE_NAME } from "./find-repository-root.js";
export { listWorkspacePackages, readWorkspaceGlobs } from "./list-workspace-packages.js";
export type { PackageManifest, WorkspacePackage } from "./list-workspace-packages.js";
export { listSourceFiles, SKIPPED_DIRECTORY_NAMES, SOURCE_FILE_PATTERN } from "./list-source-files.js";
export { readWorkspaceSources } from "./read-workspace-sources.js";
export type { WorkspaceSource } from "./read-workspace-sources.js";

// Reading source text
export { stripComments } from "./strip-comments.js";
export { findImportSpecifiers, lineOf } from "./find-import-specifiers.js";
export type { ImportSpecifier } from "./find-import-specifiers.js";

// Error codes
export { ERROR_CODE_PATTERN, findDeclaredErrorCodes, findErrorCodes, isErrorDeclarationFile } from "./find-error-codes.js";
export { readDocumentedErrorCodes } from "./read-documented-error-codes.js";

// Manifests, READMEs, changesets, vitest projects
export { findManifestProblems } from "./find-manifest-problems.js";
export { hasTsCodeBlock } from "./has-ts-code-block.js";
export { readChangesetPackages } from "./read-changeset-packages.js";
export { readVitestProjectName } from "./read-vitest-project-name.js";

// Modules: headers, imports, file names, barrels, tests
export { findModuleHeaderProblems, MAX_MODULE_LINES } from "./find-module-header-problems.js";
export { findUndocumentedExports } from "./find-undocumented-exports.js";
export type { UndocumentedExport } from "./find-undocumented-exports.js";
export { findBareBuiltinImports, isBareBuiltinSpecifier } from "./find-bare-builtin-imports.js";
export { findEscapingImports } from "./find-escaping-imports.js";
export { GRAB_BAG_NAMES, isGrabBagFile } from "./is-grab-bag-file.js";
export { findBarrelViolations } from "./find-barrel-violations.js";
export { findDefaultExports } from "./find-default-exports.js";
export type { BarrelViolation } from "./find-barrel-violations.js";
export { FORBIDDEN_TEST_MODIFIERS, findFocusedTests } from "./find-focused-tests.js";
export type { FocusedTest } from "./find-focused-tests.js";

// The dependency graphs: packages and modules
export { buildDependencyGraph, DEPENDENCY_FIELDS, workspaceDependenciesOf } from "./build-dependency-graph.js";
export type { DependencyField } from "./build-dependency-graph.js";
export { findDependencyCycles } from "./find-dependency-cycles.js";
export { buildModuleGraph } from "./build-module-graph.js";
export type { ModuleSource } from "./build-module-graph.js";
export { findReferenceMismatches } from "./find-reference-mismatches.js";
export type { ProjectConfig } from "./find-reference-mismatches.js";
export { findLayeringViolations, packageRole } from "./find-layering-violations.js";
export type { PackageRole } from "./find-layering-violations.js";

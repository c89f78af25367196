/**
 * Every route module of /api/v1, by path, in the order the API reference lists them: the one
 * list the OpenAPI document is built from (each handler carries its own description).
 * tests/unit/openapi.test.ts fails when a route file is missing here or has no description.
 */
import { endpointsOf, openApiDocument } from '@/lib/http/openapi';
import * as frameworks from './frameworks/route';
import * as framework from './frameworks/[code]/route';
import * as me from './me/export/route';
import * as orgs from './orgs/route';
import * as billing from './orgs/[org]/billing/route';
import * as generation from './orgs/[org]/generations/[id]/route';
import * as cancel from './orgs/[org]/generations/[id]/cancel/route';
import * as events from './orgs/[org]/generations/[id]/events/route';
import * as retry from './orgs/[org]/generations/[id]/retry/route';
import * as invites from './orgs/[org]/invites/route';
import * as members from './orgs/[org]/members/route';
import * as member from './orgs/[org]/members/[userId]/route';
import * as sops from './orgs/[org]/sops/route';
import * as exportZip from './orgs/[org]/sops/export.zip/route';
import * as generate from './orgs/[org]/sops/generate/route';
import * as fromTemplate from './orgs/[org]/sops/from-template/route';
import * as sop from './orgs/[org]/sops/[id]/route';
import * as diff from './orgs/[org]/sops/[id]/diff/route';
import * as exportDocx from './orgs/[org]/sops/[id]/export.docx/route';
import * as improve from './orgs/[org]/sops/[id]/improve/route';
import * as gapAnalyses from './orgs/[org]/sops/[id]/gap-analyses/route';
import * as versions from './orgs/[org]/sops/[id]/versions/route';
import * as version from './orgs/[org]/sops/[id]/versions/[versionId]/route';
import * as lifecycle from './orgs/[org]/sops/[id]/versions/[versionId]/lifecycle/route';
import * as submit from './orgs/[org]/sops/[id]/versions/[versionId]/submit/route';
import * as signatures from './orgs/[org]/sops/[id]/versions/[versionId]/signatures/route';
import * as withdraw from './orgs/[org]/sops/[id]/versions/[versionId]/withdraw/route';
import * as makeEffective from './orgs/[org]/sops/[id]/versions/[versionId]/make-effective/route';
import * as obsolete from './orgs/[org]/sops/[id]/obsolete/route';
import * as effectiveAt from './orgs/[org]/sops/[id]/effective/route';
import * as routingDefaults from './orgs/[org]/routing-defaults/route';
import * as templates from './orgs/[org]/templates/route';
import * as trainingAssignments from './orgs/[org]/sops/[id]/training-assignments/route';
import * as trainingAssignment from './orgs/[org]/sops/[id]/training-assignments/[assignmentId]/route';
import * as sopTraining from './orgs/[org]/sops/[id]/training/route';
import * as acknowledgements from './orgs/[org]/sops/[id]/acknowledgements/route';
import * as myTraining from './orgs/[org]/training/mine/route';
import * as reviewInterval from './orgs/[org]/sops/[id]/review-interval/route';
import * as periodicReviews from './orgs/[org]/sops/[id]/periodic-reviews/route';
import * as template from './orgs/[org]/templates/[id]/route';
import * as tasks from './orgs/[org]/tasks/route';
import * as trainingMatrix from './orgs/[org]/training/matrix/route';
import * as trainingMatrixCsv from './orgs/[org]/training/matrix.csv/route';
import * as trainingMatrixXlsx from './orgs/[org]/training/matrix.xlsx/route';
import * as orgFrameworks from './orgs/[org]/frameworks/route';
import * as mappings from './orgs/[org]/sops/[id]/mappings/route';
import * as mappingsFromReferences from './orgs/[org]/sops/[id]/mappings/from-references/route';
import * as mappingsSuggest from './orgs/[org]/sops/[id]/mappings/suggest/route';
import * as mapping from './orgs/[org]/sops/[id]/mappings/[mappingId]/route';
import * as mappingAccept from './orgs/[org]/sops/[id]/mappings/[mappingId]/accept/route';
import * as compliance from './orgs/[org]/compliance/route';
import * as complianceFramework from './orgs/[org]/compliance/[code]/route';
import * as complianceEvidence from './orgs/[org]/compliance/[code]/evidence/route';
import * as audit from './orgs/[org]/audit/route';
import * as auditCsv from './orgs/[org]/audit/export.csv/route';
import * as auditDocx from './orgs/[org]/audit/export.docx/route';
import * as auditAccess from './orgs/[org]/audit/access/route';
import * as auditAccessCsv from './orgs/[org]/audit/access/export.csv/route';

export const ROUTES: Record<string, object> = {
  '/frameworks': frameworks,
  '/frameworks/{code}': framework,
  '/orgs': orgs,
  '/orgs/{org}/members': members,
  '/orgs/{org}/members/{userId}': member,
  '/orgs/{org}/invites': invites,
  '/orgs/{org}/sops': sops,
  '/orgs/{org}/sops/generate': generate,
  '/orgs/{org}/sops/from-template': fromTemplate,
  '/orgs/{org}/sops/{id}': sop,
  '/orgs/{org}/sops/{id}/versions': versions,
  '/orgs/{org}/sops/{id}/versions/{versionId}': version,
  '/orgs/{org}/sops/{id}/versions/{versionId}/lifecycle': lifecycle,
  '/orgs/{org}/sops/{id}/versions/{versionId}/submit': submit,
  '/orgs/{org}/sops/{id}/versions/{versionId}/signatures': signatures,
  '/orgs/{org}/sops/{id}/versions/{versionId}/withdraw': withdraw,
  '/orgs/{org}/sops/{id}/versions/{versionId}/make-effective': makeEffective,
  '/orgs/{org}/sops/{id}/obsolete': obsolete,
  '/orgs/{org}/sops/{id}/effective': effectiveAt,
  '/orgs/{org}/sops/{id}/diff': diff,
  '/orgs/{org}/sops/{id}/improve': improve,
  '/orgs/{org}/sops/{id}/gap-analyses': gapAnalyses,
  '/orgs/{org}/sops/{id}/export.docx': exportDocx,
  '/orgs/{org}/sops/export.zip': exportZip,
  '/orgs/{org}/generations/{id}': generation,
  '/orgs/{org}/generations/{id}/events': events,
  '/orgs/{org}/generations/{id}/cancel': cancel,
  '/orgs/{org}/generations/{id}/retry': retry,
  '/orgs/{org}/routing-defaults': routingDefaults,
  '/orgs/{org}/sops/{id}/training-assignments': trainingAssignments,
  '/orgs/{org}/sops/{id}/training-assignments/{assignmentId}': trainingAssignment,
  '/orgs/{org}/sops/{id}/training': sopTraining,
  '/orgs/{org}/sops/{id}/acknowledgements': acknowledgements,
  '/orgs/{org}/training/mine': myTraining,
  '/orgs/{org}/sops/{id}/review-interval': reviewInterval,
  '/orgs/{org}/sops/{id}/periodic-reviews': periodicReviews,
  '/orgs/{org}/templates': templates,
  '/orgs/{org}/templates/{id}': template,
  '/orgs/{org}/tasks': tasks,
  '/orgs/{org}/training/matrix': trainingMatrix,
  '/orgs/{org}/training/matrix.csv': trainingMatrixCsv,
  '/orgs/{org}/training/matrix.xlsx': trainingMatrixXlsx,
  '/orgs/{org}/frameworks': orgFrameworks,
  '/orgs/{org}/sops/{id}/mappings': mappings,
  '/orgs/{org}/sops/{id}/mappings/from-references': mappingsFromReferences,
  '/orgs/{org}/sops/{id}/mappings/suggest': mappingsSuggest,
  '/orgs/{org}/sops/{id}/mappings/{mappingId}': mapping,
  '/orgs/{org}/sops/{id}/mappings/{mappingId}/accept': mappingAccept,
  '/orgs/{org}/compliance': compliance,
  '/orgs/{org}/compliance/{code}': complianceFramework,
  '/orgs/{org}/compliance/{code}/evidence': complianceEvidence,
  '/orgs/{org}/audit': audit,
  '/orgs/{org}/audit/export.csv': auditCsv,
  '/orgs/{org}/audit/export.docx': auditDocx,
  '/orgs/{org}/audit/access': auditAccess,
  '/orgs/{org}/audit/access/export.csv': auditAccessCsv,
  '/orgs/{org}/billing': billing,
  '/me/export': me,
};

export const endpoints = () => endpointsOf(ROUTES);

export const apiDocument = (serverUrl: string) => openApiDocument(serverUrl, endpoints());

import type { Context } from '../../graphql/context.js';
import { UserErrorCode } from '../../graphql/payload.js';
import { crudWrites, removeLink } from '../../graphql/write/crud.js';
import { checkNotFuture } from '../../graphql/write/inputs.js';
import { mutate, type Writer } from '../../graphql/write/mutation.js';
import { Organization } from '../organization/organization.entity.js';
import { Region } from '../region/region.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { Village } from '../village/village.entity.js';
import { Project, ProjectParticipant, ProjectPartner } from './project.entity.js';
import type {
  AddProjectParticipantInput,
  AddProjectPartnerInput,
  RemoveLinkInput,
} from './project.inputs.js';
import { projectPartnerTable, projectRoleTable, projectTable } from './project.service.js';

const REGION_OF_PROJECT = 'select town_id as r from project where id = ?';
const REGION_OF_LINK = (table: string) =>
  `select p.town_id as r from ${table} l join project p on p.id = l.project_id where l.id = ?`;

/** Writes of projects. */
export const projectWrites = crudWrites({
  entity: Project,
  type: 'Project',
  table: projectTable,
  regionOf: REGION_OF_PROJECT,
  regionOfNew: (refs) => (refs.town as Region | undefined)?.id ?? null,
  refs: {
    townId: { prop: 'town', type: 'Region', entity: Region, required: true },
    villageId: { prop: 'village', type: 'Village', entity: Village },
  },
  fields: {
    kind: { kind: 'value', required: true },
    status: { kind: 'value', required: true },
    nameZh: { kind: 'text', required: true },
    nameEn: { kind: 'text', required: true },
    descriptionZh: { kind: 'text', max: 4000 },
    descriptionEn: { kind: 'text', max: 4000 },
    startedOn: { kind: 'date' },
    openedOn: { kind: 'date' },
  },
  async validate(w, project) {
    const village = project.village as Village | undefined;
    if (village) {
      await w.tx.populate(project, ['village']);
      if ((project.village as Village).town.id !== (project.town as Region).id) {
        w.fail(
          ['input', 'villageId'],
          UserErrorCode.RULE_BROKEN,
          'The village must be in the project’s town',
        );
      }
    }
    if (project.openedOn && project.startedOn && project.openedOn < project.startedOn) {
      w.fail(['input', 'openedOn'], UserErrorCode.INVALID, 'openedOn cannot be before startedOn');
    }
  },
});

async function loadProject(w: Writer, id: string) {
  const pk = w.id(['input', 'projectId'], id, 'Project');
  const project = pk ? await w.tx.findOne(Project, { id: pk }) : null;
  if (pk && (!project || project.archivedAt))
    w.fail(['input', 'projectId'], UserErrorCode.NOT_FOUND, 'No such project');
  return project;
}

/** Talents' roles in projects: added and removed (a removal deletes the link, the audit keeps it). */
export const projectRoleWrites = {
  add: (ctx: Context, input: AddProjectParticipantInput) =>
    mutate(ctx, projectRoleTable, async (w) => {
      const project = await loadProject(w, input.projectId);
      const talentPk = w.id(['input', 'talentId'], input.talentId, 'Talent');
      const talent = talentPk ? await w.tx.findOne(Talent, { id: talentPk }) : null;
      if (talentPk && (!talent || talent.archivedAt))
        w.fail(['input', 'talentId'], UserErrorCode.NOT_FOUND, 'No such talent');
      w.check();
      const regionId = await w.regionBy(REGION_OF_PROJECT, project!.id);
      w.authorize(regionId, 'this project');
      if (await w.tx.count(ProjectParticipant, { project: project!, talent: talent!, role: input.role })) {
        w.fail(['input', 'role'], UserErrorCode.TAKEN, 'The talent has this role in the project already');
      }
      checkNotFuture(w, ['input', 'since'], input.since);
      const link = w.tx.create(ProjectParticipant, {
        project: project!,
        talent: talent!,
        role: input.role,
        since: input.since ?? undefined,
      });
      w.track('addProjectParticipant', 'ProjectRole', link, regionId, true);
      return link;
    }),

  remove: (ctx: Context, input: RemoveLinkInput) =>
    removeLink(
      ctx,
      {
        entity: ProjectParticipant,
        type: 'ProjectRole',
        table: projectRoleTable,
        regionOf: REGION_OF_LINK('project_participant'),
        operation: 'removeProjectParticipant',
        fields: ['project', 'talent', 'role'],
      },
      input,
    ),
};

/** Organisations' roles in projects. */
export const projectPartnerWrites = {
  add: (ctx: Context, input: AddProjectPartnerInput) =>
    mutate(ctx, projectPartnerTable, async (w) => {
      const project = await loadProject(w, input.projectId);
      const orgPk = w.id(['input', 'organizationId'], input.organizationId, 'Organization');
      const organization = orgPk ? await w.tx.findOne(Organization, { id: orgPk }) : null;
      if (orgPk && (!organization || organization.archivedAt))
        w.fail(['input', 'organizationId'], UserErrorCode.NOT_FOUND, 'No such organisation');
      w.check();
      const regionId = await w.regionBy(REGION_OF_PROJECT, project!.id);
      w.authorize(regionId, 'this project');
      if (
        await w.tx.count(ProjectPartner, { project: project!, organization: organization!, role: input.role })
      ) {
        w.fail(
          ['input', 'role'],
          UserErrorCode.TAKEN,
          'The organisation has this role in the project already',
        );
      }
      const link = w.tx.create(ProjectPartner, {
        project: project!,
        organization: organization!,
        role: input.role,
        since: input.since ?? undefined,
      });
      w.track('addProjectPartner', 'ProjectPartner', link, regionId, true);
      return link;
    }),

  remove: (ctx: Context, input: RemoveLinkInput) =>
    removeLink(
      ctx,
      {
        entity: ProjectPartner,
        type: 'ProjectPartner',
        table: projectPartnerTable,
        regionOf: REGION_OF_LINK('project_partner'),
        operation: 'removeProjectPartner',
        fields: ['project', 'organization', 'role'],
      },
      input,
    ),
};

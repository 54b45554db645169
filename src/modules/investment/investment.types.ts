import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionOf, ListArgsOf, OrderInput } from '../../graphql/connection.js';
import { DateFilter, DecimalFilter, EnumFilter, IDFilter } from '../../graphql/filters.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { Node, VersionedNode } from '../../graphql/types.js';
import { OrganizationWhere } from '../organization/organization.types.js';
import { ProjectWhere } from '../project/project.types.js';
import { TalentWhere } from '../talent/talent.types.js';
import { InvestmentKind, InvestmentStage } from './investment.entity.js';

registerEnumType(InvestmentStage, {
  name: 'InvestmentStage',
  description:
    'Investment-promotion stage, in order: PROMOTION 推介 → NEGOTIATION 在谈 → SIGNED 签约 → CONSTRUCTION 开工 → FUNDED 到资 → PRODUCTION 投产.',
});
registerEnumType(InvestmentKind, {
  name: 'InvestmentKind',
  description: 'INITIAL: a project’s first capital; ADDITIONAL: an added investment (增资).',
});

/** Capital committed to a project. */
@ObjectType({
  implements: [Node, VersionedNode],
  description:
    'Capital committed to a project by an investor, optionally attributed to the talent who drew it (以才引资).',
})
export class Investment extends VersionedNode {
  @Field(() => InvestmentStage, { description: 'Stage reached.' })
  stage: InvestmentStage;

  @Field(() => InvestmentKind, { description: 'Initial or added investment.' })
  kind: InvestmentKind;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Signing date (签约).' })
  signedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the funds arrived (到资).' })
  fundedOn?: string | null;
}

export enum InvestmentOrderField {
  AMOUNT = 'AMOUNT',
  SIGNED_ON = 'SIGNED_ON',
  STAGE = 'STAGE',
}
registerEnumType(InvestmentOrderField, {
  name: 'InvestmentOrderField',
  description: 'Sortable fields of investments. STAGE sorts along the promotion pipeline.',
});

const InvestmentStageFilter = EnumFilter(InvestmentStage, 'InvestmentStage');
const InvestmentKindFilter = EnumFilter(InvestmentKind, 'InvestmentKind');

@InputType({ description: 'Conditions on investments; all given fields must hold.' })
export class InvestmentWhere {
  @Field(() => IDFilter, { nullable: true, description: 'The investment itself.' })
  id?: IDFilter;
  @Field(() => InvestmentStageFilter, { nullable: true, description: 'Stage.' })
  stage?: InstanceType<typeof InvestmentStageFilter>;
  @Field(() => InvestmentKindFilter, { nullable: true, description: 'Kind.' })
  kind?: InstanceType<typeof InvestmentKindFilter>;
  @Field(() => DecimalFilter, { nullable: true, description: 'Amount.' })
  amount?: InstanceType<typeof DecimalFilter>;
  @Field(() => DateFilter, { nullable: true, description: 'Signing date.' })
  signedOn?: InstanceType<typeof DateFilter>;
  @Field(() => ProjectWhere, { nullable: true, description: 'The project matches.' })
  project?: ProjectWhere;
  @Field(() => OrganizationWhere, { nullable: true, description: 'The investor matches.' })
  investor?: OrganizationWhere;
  @Field(() => TalentWhere, { nullable: true, description: 'The talent it is attributed to matches.' })
  attributedTo?: TalentWhere;
  @Field(() => [InvestmentWhere], { nullable: true, description: 'All of these hold.' })
  and?: InvestmentWhere[];
  @Field(() => [InvestmentWhere], { nullable: true, description: 'Any of these holds.' })
  or?: InvestmentWhere[];
  @Field(() => InvestmentWhere, { nullable: true, description: 'This does not hold.' })
  not?: InvestmentWhere;
}

export const InvestmentOrder = OrderInput(InvestmentOrderField, 'Investment');
export const InvestmentListArgs = ListArgsOf(InvestmentWhere, InvestmentOrder, 'investment');

@ObjectType({ description: 'A page of investments.' })
export class InvestmentConnection extends ConnectionOf(Investment, 'Investment') {}

import { Entity, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.js';
import { CurrencyCode } from '../../db/columns.js';
import { type EnumValue, enumOf } from '../../db/enum.js';
import { Column } from '../../graphql/column.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { Talent } from '../talent/talent.entity.js';

/** Investment-promotion stage, in order. */
export const InvestmentStage = enumOf({
  PROMOTION: ['Promotion', '推介', 'presented to investors', '向投资方推介'],
  NEGOTIATION: ['Negotiation', '在谈', 'in talks with an investor', '与投资方洽谈中'],
  SIGNED: ['Signed', '签约', 'agreement signed: committed capital from here on', '已签约，自此计入签约资金'],
  CONSTRUCTION: ['Construction', '开工', 'construction started', '项目已开工'],
  FUNDED: ['Funded', '到资', 'the capital arrived', '资金已到位'],
  PRODUCTION: ['In production', '投产', 'the project is operating', '项目已投产'],
});
export type InvestmentStage = EnumValue<typeof InvestmentStage>;

/** Whether an investment is a project's first capital or an added one. */
export const InvestmentKind = enumOf({
  INITIAL: ['Initial investment', '首次投资', 'a project’s first capital', '项目的首笔资金'],
  ADDITIONAL: ['Additional investment', '增资', 'capital added later', '追加的投资'],
});
export type InvestmentKind = EnumValue<typeof InvestmentKind>;

/** Capital committed to a project by an investor, optionally attributed to the talent who drew it (以才引资). */
@VersionedObjectType(
  'Capital committed to a project by an investor, optionally attributed to the talent who drew it (以才引资).',
)
@Entity({ tableName: 'investment' })
export class Investment extends BaseEntity<'kind' | 'fundedAmount' | 'currency'> {
  @ManyToOne(() => Project)
  project!: Rel<Project>;

  @ManyToOne(() => Organization)
  investor!: Rel<Organization>;

  @ManyToOne(() => Talent, { nullable: true })
  attributedTalent?: Rel<Talent>;

  @Column(() => InvestmentKind, { description: 'Initial or added investment.' })
  kind: InvestmentKind = InvestmentKind.INITIAL;

  @Column(() => InvestmentStage, { description: 'Stage reached.' })
  stage!: InvestmentStage;

  /** Exact decimal, kept as a string so no float ever touches it. */
  @Property({ type: 'decimal', precision: 16, scale: 2 })
  amount!: string;

  @Property({ type: 'decimal', precision: 16, scale: 2 })
  fundedAmount: string = '0';

  @CurrencyCode()
  currency: string = 'CNY';

  @Column(() => LocalDateScalar, { nullable: true, description: 'Signing date (签约).' })
  signedOn?: string;

  @Column(() => LocalDateScalar, { nullable: true, description: 'Date the funds arrived (到资).' })
  fundedOn?: string;
}

import {
  Arg,
  Ctx,
  createUnionType,
  Field,
  Float,
  Int,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import type { Row } from '../../data/table.js';
import { labelEnum, valueDescriptions } from '../../db/enum.js';
import type { Context } from '../../graphql/context.js';
import { ObjectType } from '../../graphql/object-type.js';
import { Organization } from '../organization/organization.types.js';
import { Project } from '../project/project.types.js';
import { Talent } from '../talent/talent.types.js';
import { UnionOrganization } from '../union/union.types.js';
import { Village } from '../village/village.types.js';
import { SearchType, searchService } from './search.service.js';

labelEnum(SearchType, {
  VILLAGE: ['Village', '村'],
  PROJECT: ['Project', '项目'],
  ORGANIZATION: ['Organisation', '机构'],
  UNION_ORGANIZATION: ['Union organisation', '工会组织'],
  TALENT: ['Talent', '人才'],
});
registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'Kinds of objects search looks through.',
  valuesConfig: valueDescriptions(SearchType),
});

export const SearchHit = createUnionType({
  name: 'SearchHit',
  description: 'Something search found.',
  types: () => [Village, Project, Organization, UnionOrganization, Talent] as const,
  resolveType: (value) => (value as unknown as Row).__typename,
});

@ObjectType({ description: 'One search result with its relevance.' })
export class SearchResult {
  @Field(() => SearchHit, { description: 'What was found.' })
  node: Row;

  @Field(() => Float, {
    description:
      'Relevance, higher first: exact and prefix matches above substrings, substrings above near spellings.',
  })
  score: number;
}

@Resolver()
export class SearchResolver {
  @Query(() => [SearchResult], {
    description:
      'Searches villages, projects, organisations, union organisations and public talents by name (and a talent’s title and field, in either language), in Chinese (substrings: "设计谷", "茶") and English (any case, small typos), ranked by relevance.',
  })
  search(
    @Arg('text', () => String, { description: 'What to look for (at least one character, at most 100).' })
    text: string,
    @Arg('types', () => [SearchType], { nullable: true, description: 'Only these kinds (default: all).' })
    types: SearchType[] | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many results (at most 100).' })
    first: number,
    @Ctx() ctx: Context,
  ) {
    return searchService.search(ctx, text, types ?? Object.values(SearchType), first);
  }
}

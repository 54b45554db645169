/**
 * Facts of the source document (Weihai daily, 26 April 2021, page on trade unions and rural
 * revitalization) and the fixed vocabularies the generated demo data draws on.
 */

export const REGIONS = [
  { code: 'weihai', kind: 'CITY', parent: null, zh: '威海市', en: 'Weihai' },
  { code: 'wendeng', kind: 'DISTRICT', parent: 'weihai', zh: '文登区', en: 'Wendeng District' },
  { code: 'rongcheng', kind: 'DISTRICT', parent: 'weihai', zh: '荣成市', en: 'Rongcheng' },
  { code: 'rushan', kind: 'DISTRICT', parent: 'weihai', zh: '乳山市', en: 'Rushan' },
  { code: 'lingang', kind: 'DISTRICT', parent: 'weihai', zh: '临港区', en: 'Lingang District' },
  {
    code: 'dashuibo',
    kind: 'TOWN',
    parent: 'wendeng',
    zh: '大水泊镇',
    en: 'Dashuibo',
    descriptionZh:
      '耕读小镇：汇集高层次人才100余名，“以才引资”吸引社会资本2亿多元，改建流转农村房屋400多栋，打造近20个特色村。',
    descriptionEn:
      'The "Gengdu" (farming and reading) town: 100+ high-level talents, over CNY 200 million of social capital drawn through talent, 400+ rural houses renovated and transferred, about 20 specialty villages.',
  },
  { code: 'lidao', kind: 'TOWN', parent: 'rongcheng', zh: '俚岛镇', en: 'Lidao' },
] as const;

export const THEMES = [
  ['zither', '琴', 'Zither'],
  ['chess', '棋', 'Chess'],
  ['calligraphy', '书', 'Calligraphy'],
  ['painting', '画', 'Painting'],
  ['poetry', '诗', 'Poetry'],
  ['wine', '酒', 'Wine'],
  ['flower', '花', 'Flowers'],
  ['tea', '茶', 'Tea'],
  ['song', '歌', 'Song'],
  ['dance', '舞', 'Dance'],
  ['film', '影', 'Film'],
  ['media', '媒', 'Media'],
] as const;

/** Villages of Dashuibo for the demo: the first 20 are the themed specialty villages. */
export const VILLAGES = [
  ['东山村', 'Dongshan'],
  ['西庄村', 'Xizhuang'],
  ['南河村', 'Nanhe'],
  ['北泊村', 'Beibo'],
  ['前店村', 'Qiandian'],
  ['后岭村', 'Houling'],
  ['柳林村', 'Liulin'],
  ['杏花村', 'Xinghua'],
  ['桃园村', 'Taoyuan'],
  ['松岭村', 'Songling'],
  ['泉水村', 'Quanshui'],
  ['石门村', 'Shimen'],
  ['河口村', 'Hekou'],
  ['大庄村', 'Dazhuang'],
  ['小岭村', 'Xiaoling'],
  ['王家庄村', 'Wangjiazhuang'],
  ['李家疃村', 'Lijiatuan'],
  ['孙家埠村', 'Sunjiabu'],
  ['刘家台村', 'Liujiatai'],
  ['于家庄村', 'Yujiazhuang'],
  ['高村', 'Gaocun'],
  ['楼子村', 'Louzi'],
  ['泊子村', 'Bozi'],
  ['兴隆村', 'Xinglong'],
  ['福山村', 'Fushan'],
] as const;

export const SPECIALTY_VILLAGES = 20;

export const SURNAMES = [
  '王',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '宋',
];
export const GIVEN_NAMES = [
  '晓明',
  '子涵',
  '思远',
  '雨桐',
  '浩然',
  '欣怡',
  '志强',
  '静怡',
  '宇航',
  '佳琪',
  '建华',
  '文博',
  '梓萱',
  '明轩',
  '若曦',
  '俊杰',
  '诗涵',
  '天宇',
  '嘉怡',
  '振宇',
];
/** Fields of expertise of the generated talents: Chinese, English. */
export const FIELDS = [
  ['建筑设计', 'Architectural design'],
  ['乡村规划', 'Rural planning'],
  ['教育', 'Education'],
  ['农业科技', 'Agricultural technology'],
  ['文化创意', 'Cultural and creative industries'],
  ['音乐', 'Music'],
  ['书法', 'Calligraphy'],
  ['绘画', 'Painting'],
  ['影视', 'Film and television'],
  ['新媒体', 'New media'],
  ['茶艺', 'Tea art'],
  ['酿酒', 'Winemaking'],
  ['花卉园艺', 'Floriculture'],
  ['舞蹈', 'Dance'],
  ['诗词', 'Poetry'],
] as const;
/** Titles of the generated talents: Chinese, English. */
export const TITLES = [
  ['博士', 'PhD'],
  ['教授', 'Professor'],
  ['副教授', 'Associate Professor'],
  ['高级工程师', 'Senior Engineer'],
  ['设计师', 'Designer'],
  ['艺术家', 'Artist'],
  ['研究员', 'Research Fellow'],
] as const;
export const ORIGIN_CITIES = ['北京', '上海', '济南', '青岛', '杭州', '南京', '西安', '深圳', '天津', '武汉'];

export const DEMO_INVESTORS = [
  ['胶东文旅发展基金', 'Jiaodong Culture and Tourism Fund', 'FUND'],
  ['威海乡创投资有限公司', 'Weihai Rural Innovation Investment Co.', 'COMPANY'],
  ['山东田园文旅集团', 'Shandong Pastoral Tourism Group', 'COMPANY'],
  ['青岛海岸设计产业基金', 'Qingdao Coast Design Industry Fund', 'FUND'],
  ['烟台耕读教育科技有限公司', 'Yantai Gengdu Education Technology Co.', 'COMPANY'],
  ['济南齐鲁乡建投资有限公司', 'Jinan Qilu Rural Construction Investment Co.', 'COMPANY'],
  ['北京清源乡村振兴基金', 'Beijing Qingyuan Rural Revitalization Fund', 'FUND'],
  ['上海云栖文化创意有限公司', 'Shanghai Yunqi Cultural Creative Co.', 'COMPANY'],
] as const;

export const AGRI_PRODUCTS = [
  ['苹果', 'Apple'],
  ['西洋参', 'Ginseng'],
  ['茶叶', 'Tea'],
  ['蓝莓', 'Blueberry'],
  ['花生', 'Peanut'],
  ['无花果', 'Fig'],
  ['草莓', 'Strawberry'],
  ['樱桃', 'Cherry'],
  ['海参', 'Sea Cucumber'],
  ['牡蛎', 'Oyster'],
  ['大姜', 'Ginger'],
  ['板栗', 'Chestnut'],
  ['葡萄', 'Grape'],
  ['食用菌', 'Mushroom'],
  ['蔬菜', 'Vegetable'],
] as const;

/** Citywide figures the document reports: agriculture-related union organisations and their farmer members. */
export const CITY_AGRI_UNIONS = 141;
export const CITY_AGRI_MEMBERS = 5625;
/** Dashuibo: 100+ talents, about a third resident. */
export const TALENTS = 110;
export const RESIDENT_TALENTS = 36;
export const DEPARTED_TALENTS = 8;
/** Dashuibo: 400+ renovated and transferred houses. */
export const TRANSFERRED_HOUSES = 430;
export const IDLE_HOUSES = 40;
/** The date Li Lin was elected chair of the joint union (3月11日, by a regular election). */
export const CHAIR_ELECTED_ON = '2021-03-11';

/**
 * The built-in synonym list, in the file format a clerk edits (templates/synonyms.txt is written
 * from this text by templates/build-templates.ts; a user's copy of that file replaces it).
 */
export const DEFAULT_SYNONYMS_TEXT = `# Planbook 指标名称同义词表
#
# 对比、搜索、规划库和插件都用这张表把不同写法的指标名称归为同一个指标。
# 每行一组，写法之间用 ↔（或 =）分开，第一个写法是这一组的标准写法；# 后面是注释。
# 比较之前，名称已经去掉了空格、末尾括号里的单位、（GDP）这类缩写括注、※▲* 标记、[1] 脚注号和
# 开头的“全市/全县/全区/全省”，全角字母数字和罗马数字（Ⅲ）也已换成半角（III），不必再写进来。
#
# 修改这份文件后重新运行 planbook ingest 或 serve，规划库会按新表重建索引。

[词语]
# 名称中任何位置出现，都视为同一个词
GDP ↔ 地区生产总值 ↔ 国内生产总值
能耗 ↔ 能源消耗
研发 ↔ 研究与试验发展 ↔ R&D
研发经费 ↔ 全社会研发经费
增长 ↔ 增速 ↔ 增长率 ↔ 增长速度
降低 ↔ 下降
二氧化碳 ↔ CO2
细颗粒物 ↔ PM2.5
每千人口 ↔ 每千人
每万人口 ↔ 每万人
每百人口 ↔ 每百人
比例 ↔ 比率
类水体比例 ↔ 类水体比

[名称]
# 整个名称相同才算
空气优良天数比例 ↔ 城市空气质量优良天数比例 ↔ 空气质量优良天数比例 ↔ 优良天数比例
地表水达到或好于III类水体比例 ↔ 优良水体比例
居民人均可支配收入增长 ↔ 居民收入增长 ↔ 城乡居民收入增长 ↔ 城乡居民人均可支配收入增长
节能减排 ↔ 节能减排任务
`;

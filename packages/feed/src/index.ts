export type { Feed, FeedItem, Person } from './model.js'
export { rss } from './rss.js'
export { assertFeed, type FeedProblem, validateFeed } from './validate.js'

/** The suite's name and version in every AWS request's user agent (a test keeps it equal to package.json). */
export const SUITE = 'ecs-progressive-delivery';
export const VERSION = '0.1.0';

/** Jest globalTeardown: see shared-training.js. */
module.exports = require("./shared-training").teardown;

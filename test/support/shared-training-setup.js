/** Jest globalSetup: see shared-training.js. */
module.exports = require("./shared-training").setup;

console.log("tracker");
